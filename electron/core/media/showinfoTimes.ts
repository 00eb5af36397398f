/**
 * Frame timestamps from ffmpeg's `showinfo` filter on stderr, for the pipelines that read raw
 * frames from stdout (the leak check's decodes, detection's frame source): stderr arrives in
 * chunks that split lines anywhere, so the unfinished last line is kept for the next chunk.
 */
const SHOWINFO = /Parsed_showinfo_\d+ @ [^\]]*\] n:\s*\d+ pts:\s*-?\d+\s+pts_time:(-?[0-9.e+-]+)/;

export interface ShowinfoTimes {
  /** Feed a stderr chunk; each complete showinfo line's pts_time is pushed to `times`. */
  chunk(chunk: Buffer): void;
  /** After ffmpeg exits: the last line, if it had no newline. */
  end(): void;
}

export function showinfoTimes(times: number[]): ShowinfoTimes {
  let rest = '';
  const line = (text: string) => {
    const m = SHOWINFO.exec(text);
    if (m) times.push(Number(m[1]));
  };
  return {
    chunk(chunk) {
      const lines = (rest + chunk.toString('latin1')).split('\n');
      rest = lines.pop() ?? '';
      for (const l of lines) line(l);
    },
    end() {
      line(rest);
      rest = '';
    },
  };
}

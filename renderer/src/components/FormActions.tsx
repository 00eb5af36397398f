import type { ReactNode } from 'react';

/** The row of buttons that ends a form or dialog: the quiet one (Cancel) first, the main one last. */
export function FormActions({ children, start }: { children: ReactNode; start?: boolean }) {
  return <div className={start ? 'form-actions form-actions-start' : 'form-actions'}>{children}</div>;
}

import { ROLES, ROLE_LABELS, type Role } from '../../../shared/roles';

interface Props {
  value: Role[];
  onChange: (roles: Role[]) => void;
  legend?: string;
}

export function RoleCheckboxes({ value, onChange, legend = 'Roles' }: Props) {
  return (
    <fieldset className="roles">
      <legend>{legend}</legend>
      {ROLES.map((r) => (
        <label key={r} className="check">
          <input
            type="checkbox"
            checked={value.includes(r)}
            onChange={(e) => onChange(e.target.checked ? [...value, r] : value.filter((x) => x !== r))}
          />
          <span>{ROLE_LABELS[r]}</span>
        </label>
      ))}
    </fieldset>
  );
}

// Pieces shared by the surveys' screens: the state badge, the version field and action buttons.
import { usePage } from '../platform/views/context.ts';
import { CsrfField } from '../platform/views/components.tsx';
import { type FormValues } from './forms.ts';

export const SECTION = 'surveys';
export const val = (values: FormValues | undefined, name: string) => {
  const raw = values?.[name];
  return Array.isArray(raw) ? raw[0] : raw;
};

export function StateBadge({ state }: { state: string }) {
  const { t } = usePage();
  return <strong class={`irisdesk-status irisdesk-status--${state}`}>{t(`surveys.state.${state}`)}</strong>;
}

export function VersionField({ version }: { version: number }) {
  return <input type="hidden" name="version" value={String(version)} />;
}

/** A small POST button form (move, delete, open, close). */
export function ActionButton({
  action,
  version,
  label,
  name,
  value,
  variant = 'secondary',
}: {
  action: string;
  version: number;
  label: string;
  name?: string;
  value?: string;
  variant?: 'primary' | 'secondary';
}) {
  return (
    <form method="post" action={action} class="irisdesk-inline-form">
      <CsrfField />
      <VersionField version={version} />
      {name && <input type="hidden" name={name} value={value} />}
      <button type="submit" class={`utrecht-button utrecht-button--${variant}-action`}>
        {label}
      </button>
    </form>
  );
}

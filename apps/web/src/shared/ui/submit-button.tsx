import type { ButtonHTMLAttributes, ReactNode } from 'react';

interface SubmitButtonProps extends ButtonHTMLAttributes<HTMLButtonElement> {
  pending?: boolean;
  pendingLabel?: ReactNode;
}

/** A submit button that shows progress (aria-busy) and cannot be pressed twice. */
export function SubmitButton({ pending = false, pendingLabel, children, disabled, ...props }: SubmitButtonProps) {
  return (
    <button type="submit" aria-busy={pending || undefined} disabled={pending || disabled} {...props}>
      {pending && pendingLabel ? pendingLabel : children}
    </button>
  );
}

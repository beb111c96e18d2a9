import { useId, type InputHTMLAttributes, type ReactNode, type Ref } from 'react';

interface CheckboxFieldProps extends Omit<InputHTMLAttributes<HTMLInputElement>, 'id' | 'type'> {
  label: ReactNode;
  error?: string | null;
  ref?: Ref<HTMLInputElement>;
}

/** A checkbox with its label, and an error read out with it (consent to the terms…). */
export function CheckboxField({ label, error, ref, ...props }: CheckboxFieldProps) {
  const id = useId();
  const errorId = error ? `${id}-error` : undefined;
  return (
    <div className="field">
      <label className="checkbox" htmlFor={id}>
        <input ref={ref} id={id} type="checkbox" aria-invalid={error ? true : undefined} aria-describedby={errorId} {...props} />
        <span>{label}</span>
      </label>
      {error ? (
        <small id={errorId} className="field__error">
          {error}
        </small>
      ) : null}
    </div>
  );
}

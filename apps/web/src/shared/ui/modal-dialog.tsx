import { useEffect, useId, useRef, type ReactNode } from 'react';

interface ModalDialogProps {
  open: boolean;
  title: ReactNode;
  children: ReactNode;
  actions: ReactNode;
  /** Escape or the close gesture; omit to make the dialog ask for an explicit choice. */
  onCancel?: () => void;
  role?: 'dialog' | 'alertdialog';
}

/**
 * A modal on the native <dialog>: showModal() gives focus trapping, Escape and an inert page
 * behind it. Where showModal is missing (old engines, jsdom) it falls back to the open attribute.
 */
export function ModalDialog({ open, title, children, actions, onCancel, role = 'dialog' }: ModalDialogProps) {
  const ref = useRef<HTMLDialogElement>(null);
  const titleId = useId();
  const bodyId = useId();

  useEffect(() => {
    const dialog = ref.current;
    if (!dialog) return undefined;
    const previous = document.activeElement instanceof HTMLElement ? document.activeElement : null;
    if (open && !dialog.open) {
      if (typeof dialog.showModal === 'function') dialog.showModal();
      else dialog.setAttribute('open', '');
    }
    if (!open && dialog.open) {
      if (typeof dialog.close === 'function') dialog.close();
      else dialog.removeAttribute('open');
    }
    return () => {
      if (open) previous?.focus();
    };
  }, [open]);

  return (
    <dialog
      ref={ref}
      role={role}
      aria-modal="true"
      aria-labelledby={titleId}
      aria-describedby={bodyId}
      onCancel={(event) => {
        event.preventDefault();
        onCancel?.();
      }}
    >
      {open ? (
        <article>
          <h2 id={titleId}>{title}</h2>
          <div id={bodyId}>{children}</div>
          <footer className="dialog__actions">{actions}</footer>
        </article>
      ) : null}
    </dialog>
  );
}

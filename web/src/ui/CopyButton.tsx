import { useState } from 'react';

/**
 * Copies text to the clipboard. The Clipboard API needs a secure context; over plain HTTP (a
 * Backend on a private address) the older selection-based copy still works.
 */
export function CopyButton({ text, label }: { text: () => string; label: string }) {
  const [done, setDone] = useState(false);

  async function copy() {
    const value = text();
    try {
      await navigator.clipboard.writeText(value);
    } catch {
      const area = document.createElement('textarea');
      area.value = value;
      area.setAttribute('readonly', '');
      area.style.position = 'fixed';
      area.style.opacity = '0';
      document.body.appendChild(area);
      area.select();
      document.execCommand('copy');
      area.remove();
    }
    setDone(true);
    window.setTimeout(() => setDone(false), 1500);
  }

  return (
    <button type="button" onClick={() => void copy()} aria-live="polite">
      {done ? 'Copied' : label}
    </button>
  );
}

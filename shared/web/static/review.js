// Release review: selecting words in a text's original fills in the form that adds a redaction
// for that text. A shortcut only: the form works, typed by hand, without this script.
document.addEventListener('mouseup', () => {
  const selection = window.getSelection();
  if (!selection || selection.isCollapsed || !selection.anchorNode) return;
  const node = selection.anchorNode.nodeType === Node.ELEMENT_NODE
    ? selection.anchorNode : selection.anchorNode.parentElement;
  const original = node && node.closest('.original');
  const field = original && original.closest('.field');
  const text = selection.toString().trim();
  if (!field || !text) return;
  const details = field.querySelector('details');
  const quote = field.querySelector('input[name="quote"]');
  if (!details || !quote) return;
  details.open = true;
  quote.value = text;
  quote.focus();
});

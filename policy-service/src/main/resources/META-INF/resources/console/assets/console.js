// Portcullis console: the copy button beside a new API key. Everything else works without script.
document.addEventListener('click', async (event) => {
  const button = event.target.closest('[data-copy]');
  if (!button) {
    return;
  }
  const text = document.getElementById(button.dataset.copy).textContent.trim();
  const status = document.getElementById('copied');
  try {
    await navigator.clipboard.writeText(text);
    status.textContent = button.dataset.copied;
  } catch (e) {
    const range = document.createRange();
    range.selectNodeContents(document.getElementById(button.dataset.copy));
    const selection = window.getSelection();
    selection.removeAllRanges();
    selection.addRange(range);
    status.textContent = button.dataset.copyByHand;
  }
});

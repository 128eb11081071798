// The contents page's page numbers, in the order of its entries.
numbers => {
  document.querySelectorAll(".gd-pdf-contents .gd-pdf-page").forEach((span, i) => { span.textContent = String(numbers[i]); });
}

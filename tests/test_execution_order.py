"""The order in which the build runs the pages' notebooks and reads the pages
(``_ext/gdsite/execution.py``)."""

import site_extensions  # noqa: F401  (puts _ext on the path)
from gdsite.execution import finish_order, join_streams, reading_order


def test_two_workers_taking_the_longest_first_finish_in_this_order():
    costs = {"04": 15, "05": 13, "06": 9, "03": 5, "01": 4}
    # 04 and 05 start; 06 at 13 (ends 22); 03 at 15 (ends 20); 01 at 20 (ends 24)
    assert finish_order(costs, 2) == ["05", "04", "03", "06", "01"]
    assert finish_order(costs, 5) == ["01", "03", "06", "05", "04"]


def test_pages_without_notebooks_are_read_first_then_the_notebooks_as_they_finish():
    docnames = ["01", "04", "05", "api", "differences", "index"]
    assert reading_order(docnames, ["05", "01", "04"]) == [
        "api", "differences", "index", "05", "01", "04"]


def test_a_print_cut_into_pieces_by_the_kernel_stays_one_line():
    import nbformat
    from nbformat.v4 import new_code_cell, new_notebook, new_output
    cell = new_code_cell("print(a, b)", outputs=[
        new_output("stream", name="stdout", text="tensor(26.6494)"),
        new_output("stream", name="stderr", text="warning\n"),
        new_output("stream", name="stdout", text=" tensor(0.2894)\n"),
        new_output("display_data", data={"text/plain": "1"}),
        new_output("stream", name="stdout", text="next\n")])
    nb = new_notebook(cells=[cell, nbformat.v4.new_markdown_cell("text")])
    join_streams(nb)
    outputs = nb.cells[0].outputs
    assert [(o.output_type, o.get("name")) for o in outputs] == [
        ("stream", "stdout"), ("stream", "stderr"), ("display_data", None)]
    assert outputs[0].text == "tensor(26.6494) tensor(0.2894)\nnext\n"
    assert outputs[1].text == "warning\n"

"""The order in which the build runs the pages' notebooks and reads the pages
(``_ext/gdsite/execution.py``)."""

import site_extensions  # noqa: F401  (puts _ext on the path)
from gdsite.execution import finish_order, reading_order


def test_two_workers_taking_the_longest_first_finish_in_this_order():
    costs = {"04": 15, "05": 13, "06": 9, "03": 5, "01": 4}
    # 04 and 05 start; 06 at 13 (ends 22); 03 at 15 (ends 20); 01 at 20 (ends 24)
    assert finish_order(costs, 2) == ["05", "04", "03", "06", "01"]
    assert finish_order(costs, 5) == ["01", "03", "06", "05", "04"]


def test_pages_without_notebooks_are_read_first_then_the_notebooks_as_they_finish():
    docnames = ["01", "04", "05", "api", "differences", "index"]
    assert reading_order(docnames, ["05", "01", "04"]) == [
        "api", "differences", "index", "05", "01", "04"]

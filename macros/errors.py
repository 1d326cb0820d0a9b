"""The one exception type for bad input: it names file, record, field and fix."""


class DataError(Exception):
    """Raised for any input the handbook cannot publish.

    The message is meant for the editor who must fix the data, so it is in
    Vietnamese and always says where the problem is and what to do.
    """

    def __init__(self, file: str, problem: str, fix: str, record: str | None = None,
                 field: str | None = None, line: int | None = None):
        self.file, self.record, self.field, self.line = file, record, field, line
        self.problem, self.fix = problem, fix
        where = file + (f":{line}" if line else "")
        parts = [where]
        if record:
            parts.append(f"bản ghi '{record}'")
        if field:
            parts.append(f"trường '{field}'")
        super().__init__(f"{', '.join(parts)}: {problem}. Cách sửa: {fix}")

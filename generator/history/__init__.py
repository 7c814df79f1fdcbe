"""What was published, and when: record versions read from git.

`read_versions(root)` gives every committed version of every record (commit, time,
author, subject and the record's canonical content), oldest first, from one
`git log` and one `git cat-file --batch`; None when the project is not in git.
The site's revision tables, the correction checks and the public log build on it.
"""

from generator.history.versions import RecordVersion, read_versions

__all__ = ["RecordVersion", "read_versions"]

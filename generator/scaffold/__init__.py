"""`gongshi init` and `gongshi new`: a new community, and new records, written from templates.

`community.init_files` lays out a community that passes `gongshi check` at once (an example
of every record, CI for GitHub and GitLab, a publish script); `records` writes the next
record of a kind with its id, dates and opening balance worked out. Both only ever add
files, through `files.write_new_files`: all or nothing, never over an existing file.
"""

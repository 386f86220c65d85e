"""How ERMS shows dates in each language (``FORMAT_MODULE_PATH``): one date format per language,
used by every page, e-mail and letter through ``|date`` (``DATE_FORMAT``), ``|date:"DATETIME_FORMAT"``
and ``|day_date`` (the date with its weekday, ``DAY_DATE_FORMAT``). What a module leaves out
(input formats, separators) comes from Django's own locale."""

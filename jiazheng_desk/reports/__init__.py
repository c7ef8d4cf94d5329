"""Documents built from service results: PDF (reportlab, embedded CJK font) and Excel.

A report is ``build(session, filters) -> ReportData`` (columns, rows, totals) and the
renderers turn it into PDF, Excel or a chart, so screen, paper and Excel show the same
numbers. The finance and analytics issues add the first reports.
"""

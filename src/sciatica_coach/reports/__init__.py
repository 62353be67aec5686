"""Builders that turn data into bytes: charts and the report for the doctor."""

"""Moving data in and out: diary files, FHIR, iCalendar."""

"""One renderer per format; the bulletin's content model; charts; forms; safe files."""

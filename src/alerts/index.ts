// Public face of src/alerts: each part adds its exports here.

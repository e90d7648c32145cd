rootProject.name = "enrichment"

// Compare recordings made at several glucose levels (PatchPINN "Compare Conditions").
// The manifest is a CSV with columns file, glucose_mM, cell (and any covariates, e.g. minutes);
// file names are relative to the manifest's folder. Results (tables, plots, condition_model.json)
// go to the output folder; per_recording/ keeps each recording's fit so a re-run resumes.
manifest = getArgument();
if (manifest == "") manifest = File.openDialog("Manifest CSV");
out = File.getParent(manifest) + File.separator + "compare_results";
run("Compare Conditions", "manifest=[" + manifest + "] condition=glucose_mM out=[" + out + "] threads=0");
selectWindow("PatchPINN Compare Changes");

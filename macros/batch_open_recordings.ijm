// PatchPINN example batch macro: open every recording in a folder and save its summary table.
//
// For each .abf/.dat/.wcp/.atf/.nwb/.csv/.tsv file in the input folder, runs "Open Recording" (what the macro
// recorder writes for Plugins>PatchPINN>Open Recording) and saves the "PatchPINN Recording" table it
// shows as <output>/<file>.csv. Also writes <output>/opened.csv listing every file with its sample
// rate, sweep count and clamp mode, read back from the table.
//
// Interactive: Plugins>Macros>Run... asks for both folders.
// Batch:       ImageJ -batch batch_open_recordings.ijm "/path/to/recordings|/path/to/output"

arg = getArgument();
if (arg == "") {
    input = getDirectory("Folder of recordings");
    output = getDirectory("Output folder for the tables");
} else {
    parts = split(arg, "|");
    if (parts.length != 2) exit("usage: batch_open_recordings.ijm \"INPUT_FOLDER|OUTPUT_FOLDER\"");
    input = parts[0];
    output = parts[1];
}
if (!endsWith(input, File.separator)) input = input + File.separator;
if (!endsWith(output, File.separator)) output = output + File.separator;
File.makeDirectory(output);

setBatchMode(true);
files = getFileList(input);
Array.sort(files);
names = newArray(0);
rates = newArray(0);
sweeps = newArray(0);
modes = newArray(0);
for (i = 0; i < files.length; i++) {
    name = files[i];
    lower = toLowerCase(name);
    if (!(endsWith(lower, ".abf") || endsWith(lower, ".dat") || endsWith(lower, ".wcp") || endsWith(lower, ".atf") || endsWith(lower, ".nwb")
            || endsWith(lower, ".csv") || endsWith(lower, ".tsv")))
        continue;
    run("Open Recording", "file=[" + input + name + "]");
    // (ImageJ cannot call a user function inside Array.concat's arguments, hence the variables)
    rate = propertyValue("sample rate (Hz)");
    sweepCount = propertyValue("sweeps");
    mode = propertyValue("clamp mode");
    names = Array.concat(names, name);
    rates = Array.concat(rates, rate);
    sweeps = Array.concat(sweeps, sweepCount);
    modes = Array.concat(modes, mode);
    selectWindow("PatchPINN Recording");
    saveAs("Results", output + name + ".csv");
    run("Close"); // saveAs renamed the table after its file; the next recording gets a fresh one
}
Table.create("PatchPINN Batch");
Table.setColumn("file", names);
Table.setColumn("sample rate (Hz)", rates);
Table.setColumn("sweeps", sweeps);
Table.setColumn("clamp mode", modes);
Table.save(output + "opened.csv", "PatchPINN Batch");
print("PatchPINN: opened " + names.length + " recordings from " + input);

// The Value of a Property row of the "PatchPINN Recording" table ("" if the table has no such row).
function propertyValue(property) {
    value = "";
    rows = Table.size("PatchPINN Recording");
    for (r = 0; r < rows; r++) {
        if (Table.getString("Property", r, "PatchPINN Recording") == property)
            value = Table.getString("Value", r, "PatchPINN Recording");
    }
    return value;
}

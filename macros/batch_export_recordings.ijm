// PatchPINN example batch macro: export every recording in a folder as CSV.
//
// For each .abf/.dat/.wcp/.atf/.nwb/.csv/.tsv file in the input folder, runs "Export Recording", which writes
// <output>/<file>/recording.json and sweep_<k>.csv (time in ms, one column per channel and one for the
// command waveform, units in the headers).
//
// Interactive: Plugins>Macros>Run... asks for both folders.
// Batch:       ImageJ -batch batch_export_recordings.ijm "/path/to/recordings|/path/to/output"

arg = getArgument();
if (arg == "") {
    input = getDirectory("Folder of recordings");
    output = getDirectory("Output folder");
} else {
    parts = split(arg, "|");
    if (parts.length != 2) exit("usage: batch_export_recordings.ijm \"INPUT_FOLDER|OUTPUT_FOLDER\"");
    input = parts[0];
    output = parts[1];
}
if (!endsWith(input, File.separator)) input = input + File.separator;
if (!endsWith(output, File.separator)) output = output + File.separator;

setBatchMode(true);
files = getFileList(input);
n = 0;
for (i = 0; i < files.length; i++) {
    name = files[i];
    lower = toLowerCase(name);
    if (endsWith(lower, ".abf") || endsWith(lower, ".dat") || endsWith(lower, ".wcp") || endsWith(lower, ".atf") || endsWith(lower, ".nwb")
            || endsWith(lower, ".csv") || endsWith(lower, ".tsv")) {
        run("Export Recording", "file=[" + input + name + "] out=[" + output + name + "]");
        n++;
    }
}
print("PatchPINN: exported " + n + " recordings to " + output);

import Chorus
import Foundation

/// Reads the text attached to a run: each `-f/--file PATH` (`-` is stdin) and the text piped
/// beside a task argument, checked against `ContextLimits`. Every refusal is one line naming the
/// file and the fix, thrown as a usage error (exit 64) before any model is called.
struct ContextReader {
    var limits: ContextLimits
    /// Expands `~` in a path the way the config's paths are expanded.
    var expand: (String) -> String = { $0 }

    /// The name piped text beside a task is given in its block.
    static let stdinName = "stdin"

    /// The context of a run: the piped text (if any) first, then each file in the order given;
    /// nil when there is neither.
    func read(files paths: [String], piped: String?, stdin: TextInput) throws(ChorusError) -> PromptContext? {
        var files: [PromptContext.File] = []
        if let piped {
            try checkSize(name: Self.stdinName, flag: "standard input", bytes: piped.utf8.count)
            files.append(PromptContext.File(name: Self.stdinName, text: piped))
        }
        for path in paths {
            files.append(try read(path, stdin: stdin))
        }
        guard !files.isEmpty else { return nil }
        let total = files.reduce(0) { $0 + $1.bytes }
        if total > limits.totalMaxBytes {
            throw .usage(
                "the attached text totals \(total) bytes, over context_max_bytes (\(limits.totalMaxBytes)); "
                    + "attach fewer or smaller files, or raise it (--context-max-bytes \(total))")
        }
        return PromptContext(files: files)
    }

    /// One `--file`: a text file, or stdin for `-`.
    func read(_ path: String, stdin: TextInput) throws(ChorusError) -> PromptContext.File {
        if path == "-" {
            guard !stdin.isTerminal else {
                throw .usage("--file -: standard input is a terminal; pipe the text in (cat notes.txt | chorus run TASK -f -)")
            }
            guard let text = stdin.readAll() else {
                throw .usage("--file -: standard input is not UTF-8 text; attach text only")
            }
            try checkSize(name: Self.stdinName, flag: "--file -", bytes: text.utf8.count)
            return PromptContext.File(name: Self.stdinName, text: text)
        }
        let full = expand(path)
        var isDirectory: ObjCBool = false
        guard FileManager.default.fileExists(atPath: full, isDirectory: &isDirectory) else {
            throw .usage("--file \(path): no such file; check the path")
        }
        guard !isDirectory.boolValue else {
            throw .usage("--file \(path): a directory; attach its files one by one (-f \(path)/a.md -f \(path)/b.md)")
        }
        let size = (try? FileManager.default.attributesOfItem(atPath: full)[.size] as? Int) ?? 0
        try checkSize(name: path, flag: "--file \(path)", bytes: size)
        guard let data = FileManager.default.contents(atPath: full) else {
            throw .usage("--file \(path): cannot read the file; check its permissions")
        }
        try checkSize(name: path, flag: "--file \(path)", bytes: data.count)  // a file that grew, or a device
        guard !data.contains(0) else {
            throw .usage("--file \(path): a binary file (it holds NUL bytes); attach text files only")
        }
        guard let text = String(data: data, encoding: .utf8) else {
            throw .usage("--file \(path): not UTF-8 text (a binary file?); attach text files only, or convert it (iconv -t UTF-8)")
        }
        return PromptContext.File(name: path, text: text)
    }

    private func checkSize(name: String, flag: String, bytes: Int) throws(ChorusError) {
        guard bytes > limits.fileMaxBytes else { return }
        throw .usage(
            "\(flag): \(bytes) bytes, over file_max_bytes (\(limits.fileMaxBytes)); "
                + "attach a smaller part, or raise it (--file-max-bytes \(bytes))")
    }
}

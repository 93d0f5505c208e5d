import Foundation

#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif

/// Appends text to a runner file (`GITHUB_OUTPUT`, `GITHUB_STEP_SUMMARY`).
///
/// The file is opened with `O_APPEND` and each entry goes out in one `write`, so concurrent writers
/// (two tasks, or a child process) cannot interleave inside an entry or overwrite each other.
enum AppendOnlyFile {
    /// Appends `text` as UTF-8 to `url`, creating the file if needed.
    ///
    /// - Parameter purpose: what is being written ("step output verdict"), named in the error.
    static func append(_ text: String, to url: URL, purpose: String) throws(ActionsOutputError) {
        let descriptor = open(url.path, O_WRONLY | O_APPEND | O_CREAT | O_CLOEXEC, 0o644)
        guard descriptor >= 0 else {
            throw failure(purpose: purpose, url: url, reason: String(cString: strerror(errno)))
        }
        let handle = FileHandle(fileDescriptor: descriptor, closeOnDealloc: true)
        do {
            try handle.write(contentsOf: Data(text.utf8))
            try handle.close()
        } catch {
            throw failure(purpose: purpose, url: url, reason: String(describing: error))
        }
    }

    private static func failure(purpose: String, url: URL, reason: String) -> ActionsOutputError {
        ActionsOutputError(
            .io,
            message: """
                Could not write \(purpose) to \(url.path): \(reason). \
                The runner creates this file for each step; check the variable that names it.
                """)
    }
}

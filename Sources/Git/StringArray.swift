internal import CGit2
import Foundation

/// Lends a Swift string list to libgit2 as a `git_strarray` for the length of one call.
enum StringArray {
    /// Calls `body` with a `git_strarray` holding copies of `strings`, freed when `body` returns.
    static func with<Result>(
        _ strings: [String], _ body: (UnsafeMutablePointer<git_strarray>) throws -> Result
    ) rethrows -> Result {
        var copies: [UnsafeMutablePointer<CChar>?] = strings.map { strdup($0) }
        defer { copies.forEach { free($0) } }
        return try copies.withUnsafeMutableBufferPointer { buffer in
            var array = git_strarray(strings: buffer.baseAddress, count: buffer.count)
            return try body(&array)
        }
    }
}

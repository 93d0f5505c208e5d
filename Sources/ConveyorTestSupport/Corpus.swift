import Foundation

/// Finds the test corpus kept in the repository (`Tests/Fixtures/corpus`: forge events, API descriptions,
/// agent output; its `README.md` lists where each file came from).
///
/// The package root is the nearest folder above this source file that holds `Package.swift`, so nothing outside
/// the repository is read and no machine path is written down anywhere.
public enum Corpus {
    /// The corpus folder, relative to the package root.
    public static let relativeDirectory = "Tests/Fixtures/corpus"

    /// The corpus folder itself, `<package root>/Tests/Fixtures/corpus`.
    public static var directory: URL {
        let root = packageRoot ?? URL(fileURLWithPath: FileManager.default.currentDirectoryPath, isDirectory: true)
        return root.appendingPathComponent(relativeDirectory, isDirectory: true)
    }

    /// The URL of `relativePath` inside the corpus, e.g. `openapi/github-subset.json`; it may not exist.
    public static func url(_ relativePath: String) -> URL {
        directory.appendingPathComponent(relativePath)
    }

    /// The bytes of the corpus file at `relativePath`.
    ///
    /// - Throws: ``CorpusError`` naming the path that was tried.
    public static func data(_ relativePath: String) throws -> Data {
        let file = url(relativePath)
        guard FileManager.default.fileExists(atPath: file.path) else {
            throw CorpusError(code: .notFound, path: file.path)
        }
        do {
            return try Data(contentsOf: file)
        } catch {
            throw CorpusError(code: .unreadable, path: file.path)
        }
    }

    /// The folder holding `Package.swift` above this source file, or nil when the sources are not on disk.
    public static var packageRoot: URL? {
        var folder = URL(fileURLWithPath: #filePath).deletingLastPathComponent()
        while folder.pathComponents.count > 1 {
            if FileManager.default.fileExists(atPath: folder.appendingPathComponent("Package.swift").path) {
                return folder
            }
            folder.deleteLastPathComponent()
        }
        return nil
    }
}

/// A corpus file that could not be read.
public struct CorpusError: Error, CustomStringConvertible {
    /// Why the file could not be read.
    public struct Code: Sendable, Hashable {
        private let name: String
        /// Nothing exists at the path.
        public static let notFound = Code(name: "notFound")
        /// Something exists at the path but reading it failed.
        public static let unreadable = Code(name: "unreadable")

        /// Lets `catch CorpusError.Code.notFound` style matching work on an error value.
        public static func ~= (code: Code, error: any Error) -> Bool {
            (error as? CorpusError)?.code == code
        }
    }

    /// Why the file could not be read.
    public let code: Code
    /// The absolute path that was tried.
    public let path: String

    public var description: String {
        let problem = code == .notFound ? "does not exist" : "could not be read"
        return "Corpus file \(path) \(problem). The corpus is part of the repository (\(Corpus.relativeDirectory)); "
            + "restore it with `git checkout -- \(Corpus.relativeDirectory)`."
    }
}

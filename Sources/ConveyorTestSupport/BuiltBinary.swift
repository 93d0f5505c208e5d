import Foundation

/// Finds executables built by this package (such as `conveyor`) so tests can run them as a job would.
public enum BuiltBinary {
    /// A built product could not be found.
    public struct NotFound: Error, CustomStringConvertible {
        /// The product that was looked for.
        public let product: String
        /// The folders that were searched.
        public let searched: [String]

        public var description: String {
            "No built `\(product)` in \(searched.joined(separator: ", ")). Run `swift build` first, or set CONVEYOR_BIN to the binary."
        }
    }

    /// The URL of `product` in the build folder this test bundle runs from.
    ///
    /// `CONVEYOR_BIN` overrides the lookup for `conveyor` (for example to test a release build).
    public static func url(_ product: String = "conveyor") throws -> URL {
        let environment = ProcessInfo.processInfo.environment
        if product == "conveyor", let override = environment["CONVEYOR_BIN"], !override.isEmpty {
            return URL(fileURLWithPath: override)
        }
        let runner = Bundle.main.executableURL ?? URL(fileURLWithPath: CommandLine.arguments[0])
        var folders: [URL] = []
        var folder = runner.deletingLastPathComponent()
        for _ in 0..<4 {
            folders.append(folder)
            folder = folder.deletingLastPathComponent()
        }
        for candidate in folders.map({ $0.appendingPathComponent(product) })
        where FileManager.default.isExecutableFile(atPath: candidate.path) {
            return candidate
        }
        throw NotFound(product: product, searched: folders.map(\.path))
    }
}

import Foundation

/// A semantic version (semver.org 2.0.0): `MAJOR.MINOR.PATCH`, an optional pre-release (`-rc.1`) and build
/// metadata (`+build.5`), with the precedence the specification defines (build metadata ignored; a pre-release
/// comes before its release; numeric identifiers compare as numbers).
///
/// A leading `v` is accepted, since tags are often written `v2.7.0`.
///
/// ```swift
/// SemanticVersion("v2.7.3")?.nextMinor   // 2.8.0
/// SemanticVersion("2.8.0-rc.1")! < SemanticVersion("2.8.0")!   // true
/// SemanticVersion("2.8")                  // nil
/// ```
public struct SemanticVersion: Sendable, Hashable, Comparable, CustomStringConvertible, Codable {
    /// The major version.
    public let major: Int
    /// The minor version.
    public let minor: Int
    /// The patch version.
    public let patch: Int
    /// The dot-separated pre-release identifiers; empty for a release.
    public let preRelease: [String]
    /// The dot-separated build identifiers; ignored in comparisons.
    public let build: [String]

    /// Creates a version from its parts.
    public init(major: Int, minor: Int, patch: Int, preRelease: [String] = [], build: [String] = []) {
        self.major = major
        self.minor = minor
        self.patch = patch
        self.preRelease = preRelease
        self.build = build
    }

    /// Parses `text` (surrounding white space and one leading `v` or `V` allowed); nil when it is not a version.
    public init?(_ text: String) {
        var rest = Substring(text.trimmingCharacters(in: .whitespacesAndNewlines))
        if rest.first == "v" || rest.first == "V" { rest = rest.dropFirst() }
        var build: [String] = []
        if let plus = rest.firstIndex(of: "+") {
            build = rest[rest.index(after: plus)...].split(separator: ".", omittingEmptySubsequences: false).map(
                String.init)
            guard build.allSatisfy({ Self.isIdentifier($0) }) else { return nil }
            rest = rest[..<plus]
        }
        var preRelease: [String] = []
        if let dash = rest.firstIndex(of: "-") {
            preRelease = rest[rest.index(after: dash)...].split(separator: ".", omittingEmptySubsequences: false).map(
                String.init)
            guard preRelease.allSatisfy({ Self.isIdentifier($0) && !Self.hasLeadingZero($0) }) else { return nil }
            rest = rest[..<dash]
        }
        let core = rest.split(separator: ".", omittingEmptySubsequences: false)
        guard core.count == 3, core.allSatisfy({ Self.isNumber($0) }),
            let major = Int(core[0]), let minor = Int(core[1]), let patch = Int(core[2])
        else { return nil }
        self.init(major: major, minor: minor, patch: patch, preRelease: preRelease, build: build)
    }

    /// True for a pre-release such as `2.8.0-rc.1`.
    public var isPreRelease: Bool { !preRelease.isEmpty }

    /// The next minor release: `X.Y.Z` (or `X.Y.Z-pre`) → `X.(Y+1).0`.
    public var nextMinor: SemanticVersion { SemanticVersion(major: major, minor: minor + 1, patch: 0) }

    /// `2.8.0`, `2.8.0-rc.1+build.5`.
    public var description: String {
        var text = "\(major).\(minor).\(patch)"
        if !preRelease.isEmpty { text += "-" + preRelease.joined(separator: ".") }
        if !build.isEmpty { text += "+" + build.joined(separator: ".") }
        return text
    }

    public static func < (lhs: SemanticVersion, rhs: SemanticVersion) -> Bool {
        if (lhs.major, lhs.minor, lhs.patch) != (rhs.major, rhs.minor, rhs.patch) {
            return (lhs.major, lhs.minor, lhs.patch) < (rhs.major, rhs.minor, rhs.patch)
        }
        switch (lhs.preRelease.isEmpty, rhs.preRelease.isEmpty) {
        case (true, _): return false
        case (false, true): return true
        default: break
        }
        for (left, right) in zip(lhs.preRelease, rhs.preRelease) where left != right {
            switch (Int(left), Int(right)) {
            case (let l?, let r?): return l < r
            case (.some, nil): return true
            case (nil, .some): return false
            default: return left < right
            }
        }
        return lhs.preRelease.count < rhs.preRelease.count
    }

    /// Equality by precedence: build metadata does not count.
    public static func == (lhs: SemanticVersion, rhs: SemanticVersion) -> Bool {
        (lhs.major, lhs.minor, lhs.patch) == (rhs.major, rhs.minor, rhs.patch) && lhs.preRelease == rhs.preRelease
    }

    public func hash(into hasher: inout Hasher) {
        hasher.combine(major)
        hasher.combine(minor)
        hasher.combine(patch)
        hasher.combine(preRelease)
    }

    public init(from decoder: any Decoder) throws {
        let text = try decoder.singleValueContainer().decode(String.self)
        guard let version = SemanticVersion(text) else {
            throw DecodingError.dataCorrupted(
                .init(codingPath: decoder.codingPath, debugDescription: "\(text) is not a semantic version"))
        }
        self = version
    }

    public func encode(to encoder: any Encoder) throws {
        var container = encoder.singleValueContainer()
        try container.encode(description)
    }

    /// The version a new train proposes: the highest release (pre-releases ignored) among `candidates`, with its
    /// minor incremented; `0.1.0` when there is none.
    public static func proposal(after candidates: [SemanticVersion]) -> SemanticVersion {
        candidates.filter { !$0.isPreRelease }.max()?.nextMinor ?? SemanticVersion(major: 0, minor: 1, patch: 0)
    }

    private static func isNumber(_ text: Substring) -> Bool {
        !text.isEmpty && text.allSatisfy(\.isASCII) && text.allSatisfy(\.isNumber) && !hasLeadingZero(String(text))
            && text.count <= 9
    }

    private static func hasLeadingZero(_ text: String) -> Bool {
        text.count > 1 && text.first == "0" && text.allSatisfy(\.isNumber)
    }

    private static func isIdentifier(_ text: String) -> Bool {
        !text.isEmpty && text.unicodeScalars.allSatisfy { $0.isASCII && ($0.properties.isAlphabetic || ("0"..."9").contains($0) || $0 == "-") }
    }
}

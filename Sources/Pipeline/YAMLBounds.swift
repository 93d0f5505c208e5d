import CYaml
import Yams

/// Limits on a YAML text, checked on libyaml's event stream before Yams composes the text into nodes.
///
/// Yams expands every alias when it composes, and hashes every mapping key to find duplicates, so ~600 bytes of
/// nested aliases (an "alias bomb", worst as a mapping key) cost exponential time before any caller sees a node;
/// deep nesting overflows its recursive composer's stack. ``check(_:)`` walks the events once, counting each node
/// as many times as aliases repeat it, and stops at the first limit crossed, so no input reaches Yams that composes
/// to more than ``expandedNodes`` nodes or nests deeper than ``depth``. Every YAML text Conveyor reads goes through
/// ``compose(_:)``.
public struct YAMLBounds: Sendable, Hashable {
    /// The most UTF-8 bytes the text may hold.
    public var bytes: Int
    /// The most nodes the text may compose to, each alias counted as the whole node it repeats.
    public var expandedNodes: Int
    /// The deepest nesting of sequences and mappings (the top-level node is depth 1).
    public var depth: Int

    /// Creates limits.
    public init(bytes: Int, expandedNodes: Int, depth: Int) {
        self.bytes = bytes
        self.expandedNodes = expandedNodes
        self.depth = depth
    }

    /// `.conveyor/config.yml`: 1 MiB, 100,000 nodes, 64 levels — far above the full default pipeline written out
    /// (about 700 nodes, 6 levels).
    public static let configuration = YAMLBounds(bytes: 1 << 20, expandedNodes: 100_000, depth: 64)

    /// A document's frontmatter block: 256 KiB, 10,000 nodes, 32 levels.
    public static let frontmatter = YAMLBounds(bytes: 256 << 10, expandedNodes: 10_000, depth: 32)

    /// The root node of `text` (nil for an empty document), once the text is known to be within these limits.
    ///
    /// - Throws: ``YAMLBoundsError`` when a limit is crossed; Yams' `YamlError` for invalid YAML.
    public func compose(_ text: String) throws -> Node? {
        try check(text)
        return try Yams.compose(yaml: text)
    }

    /// Walks the events of `text` without building nodes.
    ///
    /// - Throws: ``YAMLBoundsError`` at the first limit crossed, with the 1-based line where it was crossed; a
    ///   syntax error is left for Yams to report (with its own position), so this returns normally on one.
    public func check(_ text: String) throws {
        let size = text.utf8.count
        if size > bytes {
            throw YAMLBoundsError(kind: .tooLarge, limit: bytes, line: 1)
        }
        var parser = yaml_parser_t()
        guard yaml_parser_initialize(&parser) == 1 else { return }
        defer { yaml_parser_delete(&parser) }
        var bytesCopy = Array(text.utf8)
        try bytesCopy.withUnsafeMutableBufferPointer { buffer in
            yaml_parser_set_input_string(&parser, buffer.baseAddress, buffer.count)
            try walk(&parser)
        }
    }

    /// One open sequence or mapping: its anchor, and the nodes it holds so far (aliases expanded, itself counted).
    private struct Frame {
        let anchor: String?
        var nodes: Int
    }

    private func walk(_ parser: inout yaml_parser_t) throws {
        var anchors: [String: Int] = [:]
        var frames: [Frame] = []
        var total = 0
        func add(_ nodes: Int, line: Int) throws {
            total += nodes
            if total > expandedNodes {
                throw YAMLBoundsError(kind: .tooManyNodes, limit: expandedNodes, line: line)
            }
            if !frames.isEmpty { frames[frames.count - 1].nodes += nodes }
        }
        var event = yaml_event_t()
        while true {
            guard yaml_parser_parse(&parser, &event) == 1 else { return }
            defer { yaml_event_delete(&event) }
            let line = Int(event.start_mark.line) + 1
            switch event.type {
            case YAML_STREAM_END_EVENT:
                return
            case YAML_SCALAR_EVENT:
                try add(1, line: line)
                if let anchor = Self.text(event.data.scalar.anchor) { anchors[anchor] = 1 }
            case YAML_ALIAS_EVENT:
                // An undefined alias is Yams' error to report; count it as one node.
                let repeated = Self.text(event.data.alias.anchor).flatMap { anchors[$0] } ?? 1
                try add(repeated, line: line)
            case YAML_SEQUENCE_START_EVENT, YAML_MAPPING_START_EVENT:
                let anchor =
                    event.type == YAML_SEQUENCE_START_EVENT
                    ? Self.text(event.data.sequence_start.anchor) : Self.text(event.data.mapping_start.anchor)
                if frames.count >= depth {
                    throw YAMLBoundsError(kind: .tooDeep, limit: depth, line: line)
                }
                frames.append(Frame(anchor: anchor, nodes: 0))
                try add(1, line: line)
            case YAML_SEQUENCE_END_EVENT, YAML_MAPPING_END_EVENT:
                guard let closed = frames.popLast() else { continue }
                if let anchor = closed.anchor { anchors[anchor] = closed.nodes }
                if !frames.isEmpty { frames[frames.count - 1].nodes += closed.nodes }
            default:
                continue
            }
        }
    }

    private static func text(_ pointer: UnsafeMutablePointer<yaml_char_t>?) -> String? {
        pointer.map { String(cString: $0) }
    }
}

/// A YAML text over one of its ``YAMLBounds``; the reader names the file.
public struct YAMLBoundsError: Error, Sendable, Hashable, CustomStringConvertible {
    /// Which limit was crossed.
    public enum Kind: Sendable, Hashable {
        /// More bytes than ``YAMLBounds/bytes``.
        case tooLarge
        /// More nodes, aliases expanded, than ``YAMLBounds/expandedNodes``.
        case tooManyNodes
        /// Nested deeper than ``YAMLBounds/depth``.
        case tooDeep
    }

    /// Which limit was crossed.
    public let kind: Kind
    /// The limit's value.
    public let limit: Int
    /// The 1-based line of the text where the limit was crossed (1 for the size).
    public let line: Int

    /// What was crossed, e.g. "holds more than 100000 values once its aliases are expanded".
    public var description: String {
        switch kind {
        case .tooLarge: "is larger than \(limit) bytes"
        case .tooManyNodes: "holds more than \(limit) values once its aliases (`*name`) are expanded"
        case .tooDeep: "nests lists and mappings more than \(limit) levels deep"
        }
    }
}

import Yams

// MARK: - Converting to and from Yams nodes

extension YAMLValue {
    /// The value of a composed Yams node; aliases and unknown tags become their text.
    init(node: Node) {
        switch node {
        case .scalar(let scalar):
            self = YAMLValue(scalar: scalar, tag: Tag.Name(rawValue: node.tag.rawValue), node: node)
        case .sequence(let sequence):
            self = .sequence(sequence.map(YAMLValue.init(node:)))
        case .mapping(let mapping):
            self = .mapping(
                mapping.map { key, value in
                    Entry(key: key.scalar?.string ?? "\(key)", value: YAMLValue(node: value))
                })
        case .alias(let alias):
            self = .string("*\(alias.anchor.rawValue)")
        }
    }

    private init(scalar: Node.Scalar, tag: Tag.Name, node: Node) {
        switch tag {
        case .null: self = .null
        case .bool: self = node.bool.map(YAMLValue.bool) ?? .string(scalar.string)
        case .int: self = node.int.map(YAMLValue.int) ?? .string(scalar.string)
        case .float: self = node.float.map(YAMLValue.double) ?? .string(scalar.string)
        default: self = .string(scalar.string)
        }
    }

    /// A Yams node that serializes back to this value; strings that would read as another type are quoted.
    var node: Node {
        switch self {
        case .null: Node("null")
        case .bool(let value): Node(value ? "true" : "false")
        case .int(let value): Node(String(value))
        case .double(let value): .scalar(value.represented())
        case .string(let value): .scalar(value.represented())
        case .sequence(let items):
            Node(items.map(\.node), .implicit, items.allSatisfy(\.isFlowFriendly) ? .flow : .block)
        case .mapping(let entries):
            Node(entries.map { (Node.scalar($0.key.represented()), $0.value.node) })
        }
    }

    /// Short scalars read well inside a flow list (`[1, 2]`); long or multi-line text does not.
    private var isFlowFriendly: Bool {
        switch self {
        case .null, .bool, .int, .double: true
        case .string(let text): text.count <= 40 && !text.contains("\n")
        case .sequence, .mapping: false
        }
    }
}

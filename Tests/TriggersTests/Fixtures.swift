import ConveyorTestSupport
import Foundation
import Pipeline
import Testing
import Triggers

/// Payloads from the repository's test corpus, optionally edited, and a shorthand to resolve them.
enum Fixtures {
    /// The corpus file decoded as a mutable JSON object.
    static func object(_ relativePath: String) throws -> [String: Any] {
        let data = try Corpus.data(relativePath)
        return try #require(try JSONSerialization.jsonObject(with: data) as? [String: Any])
    }

    /// The corpus file with `edit` applied, as JSON bytes.
    static func payload(_ relativePath: String, edit: (inout [String: Any]) -> Void = { _ in }) throws -> Data {
        var object = try object(relativePath)
        edit(&object)
        return try JSONSerialization.data(withJSONObject: object)
    }

    /// A label object in the shape both forges use.
    static func label(_ name: String) -> [String: Any] {
        ["id": abs(name.hashValue % 10_000), "name": name, "color": "ededed"]
    }

    /// Resolves an event, recording a test issue when the payload is rejected.
    static func resolve(
        _ eventName: String, _ payload: Data, forge: TriggerContext.Forge = .github,
        labels: LabelCatalog = .defaults, overrides: TriggerContext.Overrides = .init(),
        handledLabels: Set<String> = [], selfLogin: String? = nil
    ) throws(TriggerError) -> TriggerDecision {
        try TriggerResolver.resolve(
            TriggerContext(
                eventName: eventName, payload: payload, forge: forge, labels: labels, overrides: overrides,
                handledLabels: handledLabels, selfLogin: selfLogin))
    }
}

extension Dictionary where Key == String, Value == Any {
    /// Sets `value` at the nested object path `keys`, creating objects on the way.
    mutating func set(_ keys: [String], to value: Any?) {
        guard let first = keys.first else { return }
        if keys.count == 1 {
            self[first] = value
            return
        }
        var child = self[first] as? [String: Any] ?? [:]
        child.set(Array(keys.dropFirst()), to: value)
        self[first] = child
    }
}

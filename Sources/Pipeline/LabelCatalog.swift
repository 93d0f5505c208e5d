import Foundation

/// The current names of every Conveyor label, resolved from repository variables, with lookups both ways.
///
/// A label's name is, in order: the environment variable named after it (`RUN_INTAKE_LABEL`), the same key in the
/// JSON object `CONVEYOR_VARS` (set from `${{ toJSON(vars) }}`; keys match case-insensitively because Gitea
/// upper-cases variable names), or the built-in default. Empty values count as unset, because `${{ vars.X }}` of
/// an unset variable is the empty string. Label names compare case-insensitively, as forges treat them.
public struct LabelCatalog: Sendable {
    /// The environment variable holding all repository variables as one JSON object.
    public static let variablesMapName = "CONVEYOR_VARS"

    /// Where an entry's current name came from.
    public enum NameSource: String, Sendable, Hashable {
        /// Its own environment variable.
        case environment
        /// A key of ``LabelCatalog/variablesMapName``.
        case variablesMap
        /// The built-in default.
        case builtIn
    }

    /// One label with its current name.
    public struct Entry: Sendable, Hashable {
        /// The label's meaning, variable, default and description.
        public let definition: LabelDefinition
        /// The name in force.
        public let name: String
        /// Where ``name`` came from.
        public let source: NameSource

        /// The catalogue line, e.g. `run:intake — start "idea/project": intake package …`.
        public var line: String { "\(name) — \(definition.summary)" }
    }

    /// Every label, in catalogue order (stages in pipeline order, then abort, rethink, `state:*`, `need:*`).
    public let entries: [Entry]
    private let byName: [String: Entry]

    /// The catalogue with every label at its built-in default name.
    public static let defaults = LabelCatalog(
        resolved: definitions(for: .default).map {
            Entry(definition: $0, name: $0.binding.defaultName, source: .builtIn)
        })

    /// Resolves every label of `pipeline` from `environment` (usually the process environment).
    ///
    /// - Throws: ``LabelCatalogError`` when `CONVEYOR_VARS` is not a JSON object, when a label variable in it is
    ///   not a string, or when two labels resolve to the same name.
    public init(environment: [String: String], pipeline: Pipeline = .default) throws(LabelCatalogError) {
        let variablesMap = try Self.variablesMap(from: environment)
        var entries: [Entry] = []
        for definition in Self.definitions(for: pipeline) {
            let variable = definition.binding.variable
            if let value = Self.nonEmpty(environment[variable]) {
                entries.append(Entry(definition: definition, name: value, source: .environment))
            } else if let value = try Self.mapValue(variablesMap, variable) {
                entries.append(Entry(definition: definition, name: value, source: .variablesMap))
            } else {
                entries.append(Entry(definition: definition, name: definition.binding.defaultName, source: .builtIn))
            }
        }
        try Self.checkUnique(entries)
        self.init(resolved: entries)
    }

    private init(resolved entries: [Entry]) {
        self.entries = entries
        var byName: [String: Entry] = [:]
        for entry in entries { byName[entry.name.lowercased()] = entry }
        self.byName = byName
    }

    /// The meaning of the label called `name`, or nil when it is not a Conveyor label under the current names.
    public func meaning(ofLabel name: String) -> LabelMeaning? {
        byName[name.trimmingCharacters(in: .whitespaces).lowercased()]?.definition.meaning
    }

    /// The entry for `meaning`, or nil when the catalogue has no such label (e.g. a `rerun` mode).
    public func entry(for meaning: LabelMeaning) -> Entry? {
        entries.first { $0.definition.meaning == meaning }
    }

    /// The current name of the label for `meaning`, or nil when the catalogue has no such label.
    public func name(for meaning: LabelMeaning) -> String? {
        entry(for: meaning)?.name
    }
}

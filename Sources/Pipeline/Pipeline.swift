/// The ordered set of stages a work item moves through.
public struct Pipeline: Sendable, Hashable {
    /// The stages in pipeline order (the order of ``StageName/allCases``).
    public private(set) var stages: [StageDefinition]

    /// Creates a pipeline; stages are kept in ``StageName`` order, and a later definition of the same name wins.
    public init(stages: [StageDefinition]) {
        var byName: [StageName: StageDefinition] = [:]
        for stage in stages { byName[stage.name] = stage }
        self.stages = StageName.allCases.compactMap { byName[$0] }
    }

    /// The definition of `name`, or nil when the pipeline does not have that stage.
    public subscript(name: StageName) -> StageDefinition? {
        stages.first { $0.name == name }
    }

    /// Replaces (or adds) the definition with the same name.
    public mutating func replace(_ stage: StageDefinition) {
        self = Pipeline(stages: stages + [stage])
    }

    /// The first cycle in the `next` links, as the stages visited in order with the first one repeated at the end
    /// (e.g. `[intake, vision, intake]`), or nil when following `next` always ends.
    public func nextCycle() -> [StageName]? {
        for start in stages {
            var path: [StageName] = [start.name]
            var current = start.next
            while let name = current {
                if let index = path.firstIndex(of: name) {
                    return Array(path[index...]) + [name]
                }
                path.append(name)
                current = self[name]?.next
            }
        }
        return nil
    }
}

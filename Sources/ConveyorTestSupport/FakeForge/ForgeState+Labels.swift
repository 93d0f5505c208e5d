import Foundation

/// A label named or numbered in a request body: GitHub sends names (or `{"name": …}`),
/// Gitea names or numeric ids.
private enum LabelReference: Decodable {
    case id(Int)
    case name(String)

    private enum Keys: String, CodingKey { case name }

    init(from decoder: any Decoder) throws {
        if let single = try? decoder.singleValueContainer() {
            if let id = try? single.decode(Int.self) {
                self = .id(id)
                return
            }
            if let name = try? single.decode(String.self) {
                self = .name(name)
                return
            }
        }
        self = .name(try decoder.container(keyedBy: Keys.self).decode(String.self, forKey: .name))
    }
}

/// `{"labels": [...]}`, or (GitHub) a bare array.
private struct LabelList: Decodable {
    let labels: [LabelReference]

    private enum Keys: String, CodingKey { case labels }

    init(from decoder: any Decoder) throws {
        if let keyed = try? decoder.container(keyedBy: Keys.self) {
            labels = try keyed.decode([LabelReference].self, forKey: .labels)
        } else {
            labels = try decoder.singleValueContainer().decode([LabelReference].self)
        }
    }
}

extension ForgeState {
    func listLabels(_ call: ForgeCall) -> ForgeReply {
        guard let repository = repositories[Self.key(call.owner, call.repo)],
            let issue = repository.issues[call.number]
        else { return call.notFound() }
        let labels = repository.labels(withIDs: issue.labelIDs)
        guard call.dialect == .github else {
            return .json(200, .array(labels.map { call.renderer.label($0, in: repository) }))
        }
        let page = ForgePagination.page(labels, for: call, root: root)
        return .json(200, .array(page.items.map { call.renderer.label($0, in: repository) }), headers: page.headers)
    }

    /// Adds labels by name (created when missing, as GitHub does) or by id (which must exist).
    func addLabels(_ call: ForgeCall) throws(ForgeBadRequest) -> ForgeReply {
        let references = try call.decodeBody(LabelList.self).labels
        guard var repository = repositories[Self.key(call.owner, call.repo)],
            var issue = repository.issues[call.number]
        else { return call.notFound() }
        for reference in references {
            let label = try resolve(reference, in: &repository)
            if !issue.labelIDs.contains(label.id) { issue.labelIDs.append(label.id) }
        }
        issue.updatedAt = Date()
        repository.issues[call.number] = issue
        repositories[Self.key(call.owner, call.repo)] = repository
        let labels = repository.labels(withIDs: issue.labelIDs)
        return .json(200, .array(labels.map { call.renderer.label($0, in: repository) }))
    }

    /// GitHub removes by `{name}` and answers with the remaining labels; Gitea by numeric `{id}`
    /// and answers 204.
    func removeLabel(_ call: ForgeCall) -> ForgeReply {
        guard var repository = repositories[Self.key(call.owner, call.repo)],
            var issue = repository.issues[call.number]
        else { return call.notFound() }
        let onIssue = repository.labels(withIDs: issue.labelIDs)
        let target =
            call.dialect == .github
            ? onIssue.first { $0.name.caseInsensitiveCompare(call.match["name"]) == .orderedSame }
            : onIssue.first { $0.id == call.match.integer("id") }
        guard let target else { return .error(404, "Label does not exist", dialect: call.dialect) }
        issue.labelIDs.removeAll { $0 == target.id }
        issue.updatedAt = Date()
        repository.issues[call.number] = issue
        repositories[Self.key(call.owner, call.repo)] = repository
        guard call.dialect == .github else { return .noContent }
        let remaining = repository.labels(withIDs: issue.labelIDs)
        return .json(200, .array(remaining.map { call.renderer.label($0, in: repository) }))
    }

    private func resolve(_ reference: LabelReference, in repository: inout ForgeRepository) throws(ForgeBadRequest)
        -> ForgeLabel
    {
        switch reference {
        case .id(let id):
            guard let label = repository.labels.first(where: { $0.id == id }) else {
                throw ForgeBadRequest(message: "Label \(id) does not exist")
            }
            return label
        case .name(let name):
            if let label = repository.labels.first(where: { $0.name.caseInsensitiveCompare(name) == .orderedSame }) {
                return label
            }
            let label = ForgeLabel(id: makeID(), name: name, color: "ededed", description: nil)
            repository.labels.append(label)
            return label
        }
    }
}

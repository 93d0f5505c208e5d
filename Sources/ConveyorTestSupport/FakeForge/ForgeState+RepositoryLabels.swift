import Foundation

/// `POST /labels` on both forges: GitHub requires `name`, Gitea `name` and `color`.
private struct LabelCreation: Decodable {
    let name: String
    let color: String?
    let description: String?
}

/// `PATCH /labels/{name|id}`: GitHub renames with `new_name`, Gitea with `name`; absent fields stay.
private struct LabelEdit: Decodable {
    let name: String?
    let newName: String?
    let color: String?
    let description: String?

    private enum CodingKeys: String, CodingKey {
        case name
        case newName = "new_name"
        case color, description
    }
}

extension ForgeState {
    /// The repository's labels, paged like the forge pages them.
    func listRepositoryLabels(_ call: ForgeCall, in repository: ForgeRepository) -> ForgeReply {
        let page = ForgePagination.page(repository.labels, for: call, root: root)
        return .json(200, .array(page.items.map { call.renderer.label($0, in: repository) }), headers: page.headers)
    }

    /// Creates a label; a name taken (without regard to case) is 422 on GitHub and 409 on Gitea, as the forges
    /// answer.
    func createLabel(_ call: ForgeCall) throws(ForgeBadRequest) -> ForgeReply {
        let body = try call.decodeBody(LabelCreation.self)
        guard var repository = repositories[Self.key(call.owner, call.repo)] else { return call.notFound() }
        if call.dialect == .gitea, body.color == nil { throw ForgeBadRequest(message: "color is required") }
        if repository.labels.contains(where: { $0.name.caseInsensitiveCompare(body.name) == .orderedSame }) {
            return .error(call.dialect == .github ? 422 : 409, "Label already exists", dialect: call.dialect)
        }
        let label = ForgeLabel(
            id: makeID(), name: body.name, color: Self.colour(body.color ?? "ededed"), description: body.description)
        repository.labels.append(label)
        repositories[Self.key(call.owner, call.repo)] = repository
        return .json(201, call.renderer.label(label, in: repository))
    }

    /// Edits the label addressed by name (GitHub) or id (Gitea).
    func editLabel(_ call: ForgeCall) throws(ForgeBadRequest) -> ForgeReply {
        let body = try call.decodeBody(LabelEdit.self)
        guard var repository = repositories[Self.key(call.owner, call.repo)],
            let index = labelIndex(call, in: repository)
        else { return .error(404, "Label does not exist", dialect: call.dialect) }
        let old = repository.labels[index]
        let rename = call.dialect == .github ? body.newName : body.name
        if let rename, rename.caseInsensitiveCompare(old.name) != .orderedSame,
            repository.labels.contains(where: { $0.name.caseInsensitiveCompare(rename) == .orderedSame })
        {
            return .error(422, "Label already exists", dialect: call.dialect)
        }
        let label = ForgeLabel(
            id: old.id, name: rename ?? old.name, color: body.color.map(Self.colour) ?? old.color,
            description: body.description ?? old.description)
        repository.labels[index] = label
        repositories[Self.key(call.owner, call.repo)] = repository
        return .json(200, call.renderer.label(label, in: repository))
    }

    /// Deletes the label addressed by name (GitHub) or id (Gitea) from the repository and from every issue.
    func deleteLabel(_ call: ForgeCall) -> ForgeReply {
        guard var repository = repositories[Self.key(call.owner, call.repo)],
            let index = labelIndex(call, in: repository)
        else { return .error(404, "Label does not exist", dialect: call.dialect) }
        let id = repository.labels.remove(at: index).id
        for number in repository.issues.keys { repository.issues[number]?.labelIDs.removeAll { $0 == id } }
        repositories[Self.key(call.owner, call.repo)] = repository
        return .noContent
    }

    private func labelIndex(_ call: ForgeCall, in repository: ForgeRepository) -> Int? {
        call.dialect == .github
            ? repository.labels.firstIndex { $0.name.caseInsensitiveCompare(call.match["name"]) == .orderedSame }
            : repository.labels.firstIndex { $0.id == call.match.integer("id") }
    }

    /// Six hex digits without `#`, as both forges store them.
    private static func colour(_ text: String) -> String {
        text.hasPrefix("#") ? String(text.dropFirst()) : text
    }
}

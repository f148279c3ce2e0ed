import ChurnKit

extension EffectRunner {
    /// Carries out an effect of the Settings tab.
    func performSettings(_ effect: SettingsEffect, state: AppState) {
        switch effect {
        case .activate(let version):
            changeModels(state) { try $0.activate(version: version, kind: $1) }
        case .rollBack:
            changeModels(state) { try $0.rollBack(kind: $1) }
        case .applyTheme(let name, let previous):
            do {
                let theme = try ThemeLoader.load(name)
                applyTheme?(theme)
                try workspace.setSetting(SettingItem.theme.storageKey ?? "theme", name)
            } catch {
                queue.post(.settings(.themeFailed(name: name, previous: previous, message: Self.describe(error))))
            }
        case .buildExplorer:
            guard let outOfFold = state.analysis?.outOfFold else { return }
            let queue = self.queue
            background.async {
                do {
                    let explorer = try ThresholdExplorer(outOfFold)
                    queue.post(.settings(.explorerReady(Shared(explorer), note: nil)))
                } catch {
                    queue.post(.settings(.explorerReady(nil, note: "the out-of-fold scores cannot be used: " + Self.describe(error))))
                }
            }
        }
    }

    /// Promotes or rolls back a model version in the store (a quick write, on the UI thread) and
    /// posts the versions as stored afterwards.
    private func changeModels(_ state: AppState, _ change: (Workspace, String) throws -> [ModelRecord]) {
        do {
            let versions = try change(workspace, state.data?.snapshot.model.kind ?? "churn")
            let active = versions.first(where: \.active)?.version ?? 0
            queue.post(.settings(.versionsChanged(versions, activated: active)))
        } catch {
            queue.post(.showMessage(Self.describe(error)))
        }
    }
}

/// Draws the state into a frame of `size`. Pure: the same state and size always give the same frame,
/// and only what is visible is drawn, so the cost does not grow with the data.
public func render(_ state: AppState, size: TerminalSize) -> Frame {
    var frame = Frame(size: size, asciiOnly: state.asciiOnly)
    guard size.fits(AppState.minimumSize) else {
        TooSmallNotice.draw(into: &frame, need: AppState.minimumSize)
        return frame
    }
    guard let data = state.data else {
        // The lone import preview of `churn open FILE`.
        guard let preview = state.preview else { return frame }
        ImportPreviewView.draw(preview, state: state, into: &frame)
        if state.overlay == .help { HelpOverlay.draw(state.keyMap, glyphs: state.glyphs, into: &frame) }
        if state.overlay == .training { TrainingPanel.draw(state, into: &frame) }
        StatusBar.draw(into: &frame, y: size.height - 1, file: ImportPreviewView.fileName(preview.profile.file),
                       position: ImportPreviewView.position(preview, size: size), state: state)
        return frame
    }

    TabBar.draw(state, data: data, into: &frame)
    let body = Rect(x: 0, y: 1, width: size.width, height: size.height - 2)
    var position = ""
    switch state.tab {
    case .overview:
        OverviewView.draw(state, data: data, in: body, into: &frame)
    case .highRisk:
        if let table = state.highRisk {
            HighRiskView.draw(table, state: state, data: data, in: body, into: &frame)
            position = HighRiskView.position(table)
        }
    case .segments:
        SegmentsView.draw(state, data: data, in: body, into: &frame)
        position = SegmentsView.position(state)
    case .insights:
        InsightsView.draw(state, data: data, in: body, into: &frame)
        position = InsightsView.position(state)
    case .customer:
        CustomerView.draw(state, data: data, in: body, into: &frame)
        position = CustomerView.position(state)
    case .whatIf:
        WhatIfView.draw(state, data: data, in: body, into: &frame)
        position = WhatIfView.position(state)
    case .settings:
        SettingsView.draw(state, data: data, in: body, into: &frame)
        position = SettingsView.position(state)
    case .importPreview:
        if let preview = state.preview {
            // The preview draws as if alone in a terminal one row shorter, below the tab bar.
            var sub = Frame(size: state.previewSize, asciiOnly: state.asciiOnly)
            ImportPreviewView.draw(preview, state: state, into: &sub)
            frame.copy(sub, rows: 0..<(sub.height - 1), toY: 1)
            position = ImportPreviewView.position(preview, size: state.previewSize)
        }
    }
    switch state.overlay {
    case .help: HelpOverlay.draw(state.keyMap, glyphs: state.glyphs, into: &frame)
    case .detail:
        if let table = state.highRisk, state.tab == .highRisk { DetailPanel.draw(table, data: data, state: state, into: &frame) }
    case .palette: PaletteOverlay.draw(state, into: &frame)
    case .training: TrainingPanel.draw(state, into: &frame)
    case nil: break
    }
    WorkspaceStatusBar.draw(state, data: data, position: position, into: &frame)
    return frame
}

/// Draws the state into a frame of `size`. Pure: the same state and size always give the same frame,
/// and only what is visible is drawn, so the cost does not grow with the data.
public func render(_ state: AppState, size: TerminalSize) -> Frame {
    var frame = Frame(size: size, asciiOnly: state.asciiOnly)
    guard size.fits(AppState.minimumSize) else {
        TooSmallNotice.draw(into: &frame, need: AppState.minimumSize)
        return frame
    }
    let file: String
    let position: String
    switch state.screen {
    case .importPreview(let preview):
        ImportPreviewView.draw(preview, state: state, into: &frame)
        file = ImportPreviewView.fileName(preview.profile.file)
        position = ImportPreviewView.position(preview, size: size)
    }
    if state.overlay == .help {
        HelpOverlay.draw(state.keyMap, glyphs: state.glyphs, into: &frame)
    }
    StatusBar.draw(into: &frame, y: size.height - 1, file: file, position: position, state: state)
    return frame
}

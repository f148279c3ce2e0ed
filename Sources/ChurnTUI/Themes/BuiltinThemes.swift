/// The themes shipped with churn, identical to the files in themes/ (a test keeps them in sync),
/// so an installed binary has them without the repository.
enum BuiltinThemes {
    /// Theme name to file text.
    static let files: [String: String] = [
        "default": #"""
        # churn theme "default": light text on a dark terminal background.
        # Format: role = foreground background [attributes]  (see themes/README.md)
        text         = default        default
        muted        = 245            default
        title        = black          cyan         bold
        subtitle     = cyan           default
        heading      = bright-cyan    default      bold
        table-header = bright-white   default      bold
        role         = yellow         default
        border       = 240            default
        status-bar   = black          white
        key          = black          white        bold
        good         = green          default      bold
        info         = bright-blue    default
        warning      = yellow         default      bold
        error        = bright-red     default      bold
        bar          = cyan           default
        overlay      = default        236
        selection    = black          cyan
        """#,
        "light": #"""
        # churn theme "light": dark text for terminals with a light background.
        # Format: role = foreground background [attributes]  (see themes/README.md)
        text         = default        default
        muted        = 242            default
        title        = white          blue         bold
        subtitle     = blue           default
        heading      = blue           default      bold
        table-header = black          default      bold
        role         = 130            default
        border       = 248            default
        status-bar   = white          24
        key          = white          24           bold
        good         = 28             default      bold
        info         = 25             default
        warning      = 130            default      bold
        error        = 160            default      bold
        bar          = 25             default
        overlay      = default        254
        selection    = white          blue
        """#,
        "high-contrast": #"""
        # churn theme "high-contrast": bright colours on black, everything important in bold.
        # Format: role = foreground background [attributes]  (see themes/README.md)
        text         = bright-white   black
        muted        = white          black
        title        = black          bright-yellow  bold
        subtitle     = bright-yellow  black          bold
        heading      = bright-yellow  black          bold underline
        table-header = bright-white   black          bold underline
        role         = bright-cyan    black          bold
        border       = bright-white   black
        status-bar   = black          bright-white   bold
        key          = black          bright-yellow  bold
        good         = bright-green   black          bold
        info         = bright-cyan    black          bold
        warning      = bright-yellow  black          bold
        error        = bright-red     black          bold
        bar          = bright-yellow  black
        overlay      = bright-white   black
        selection    = black          bright-yellow  bold
        """#,
        "monochrome": #"""
        # churn theme "monochrome": no colours, only bold/dim/reverse/underline.
        # Used for NO_COLOR, --no-color and terminals without colours.
        # Format: role = foreground background [attributes]  (see themes/README.md)
        text         = default  default
        muted        = default  default  dim
        title        = default  default  reverse bold
        subtitle     = default  default  bold
        heading      = default  default  bold underline
        table-header = default  default  bold
        role         = default  default  underline
        border       = default  default  dim
        status-bar   = default  default  reverse
        key          = default  default  reverse bold
        good         = default  default  bold
        info         = default  default
        warning      = default  default  bold
        error        = default  default  bold reverse
        bar          = default  default
        overlay      = default  default
        selection    = default  default  reverse
        """#,
    ]

    /// The names, in the order they are listed to users.
    static let names = ["default", "light", "high-contrast", "monochrome"]
}

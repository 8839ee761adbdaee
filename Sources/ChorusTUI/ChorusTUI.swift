// The terminal UI lives here (issue 4).
import Chorus

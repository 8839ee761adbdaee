// Real model back ends over HTTP live here (issue 3).
import Chorus

package org.patchpinn.ij1;

import ij.IJ;
import org.patchpinn.task.Progress;

/** Progress on the ImageJ status bar and progress bar; Esc cancels (ImageJ's usual gesture). */
public final class ImageJProgress implements Progress {
    @Override
    public void status(String message) {
        IJ.showStatus(message);
    }

    @Override
    public void fraction(double done) {
        IJ.showProgress(done);
    }

    @Override
    public void log(String message) {
        IJ.log(message);
    }

    @Override
    public boolean isCancelled() {
        return IJ.escapePressed();
    }
}

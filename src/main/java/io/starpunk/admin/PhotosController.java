package io.starpunk.admin;

import java.util.List;

import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.security.web.csrf.CsrfToken;
import org.springframework.stereotype.Controller;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;

import io.starpunk.media.StoredImages;

/**
 * {@code /admin/photos}: how many stored images still carry a location or other metadata
 * (those stored before every upload was cleaned, and StarPunk's), and one confirmed
 * action that cleans them in place, keeping their URLs.
 */
@Controller
class PhotosController {

	private final StoredImages images;

	private final AdminPages pages;

	PhotosController(StoredImages images, AdminPages pages) {
		this.images = images;
		this.pages = pages;
	}

	@GetMapping("/admin/photos")
	ResponseEntity<String> showPhotos(@RequestParam(required = false) Integer cleaned,
			@RequestParam(required = false) Integer failed, CsrfToken csrf) {
		String flash = null;
		if (cleaned != null) {
			flash = "Cleaned " + cleaned + " image" + ((cleaned == 1) ? "" : "s") + " in place."
					+ ((failed != null && failed > 0) ? " " + failed + " could not be cleaned; see the log." : "");
		}
		return page(HttpStatus.OK, flash, null, csrf);
	}

	@PostMapping("/admin/photos/clean")
	ResponseEntity<String> cleanPhotos(@RequestParam(required = false) String confirm, CsrfToken csrf) {
		if (!"yes".equals(confirm)) {
			return page(HttpStatus.BAD_REQUEST, null,
					"Tick the box to confirm that the files may be rewritten in place, then clean again.", csrf);
		}
		StoredImages.Cleaned done = this.images.cleanAll();
		return AdminPages.redirect("/admin/photos?cleaned=" + done.cleaned() + "&failed=" + done.failed().size());
	}

	private ResponseEntity<String> page(HttpStatus status, String flash, String problem, CsrfToken csrf) {
		StoredImages.Survey survey = this.images.survey();
		PhotosView view = new PhotosView(flash, problem, survey.images(), survey.withLocation(),
				survey.withOtherMetadata());
		return this.pages.page(status, "admin/photos.jte", "Photos", view, csrf);
	}

	/**
	 * The page's content.
	 *
	 * @param flash what was just done, or {@code null}
	 * @param problem why the last action was refused, or {@code null}
	 * @param images how many stored images there are
	 * @param withLocation those that carry a location
	 * @param withOtherMetadata those that carry other metadata
	 */
	record PhotosView(String flash, String problem, int images, List<String> withLocation,
			List<String> withOtherMetadata) {

		int toClean() {
			return this.withLocation.size() + this.withOtherMetadata.size();
		}

	}

}

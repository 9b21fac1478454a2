// The note editor's photos, for browsers with JavaScript: chosen or dropped photos are
// shown at once with an alt text field, can be moved and removed in place, and the form
// is sent with XMLHttpRequest when it carries new photos, so that a progress bar shows
// the upload. Without this script the form works as it is: a plain multipart POST.
(function () {
	'use strict';

	var counter = 0;

	function init() {
		var form = document.getElementById('note-form');
		if (!form || form.dataset.enhanced) {
			return;
		}
		form.dataset.enhanced = 'true';
		var list = document.getElementById('photo-list');
		var input = document.getElementById('photo');
		var status = document.getElementById('photo-status');
		var drop = form;
		var maxPhotos = parseInt(form.dataset.maxPhotos, 10) || 4;
		var maxBytes = parseInt(form.dataset.maxBytes, 10) || 0;
		var pending = new Map();

		Array.prototype.forEach.call(list.querySelectorAll('.photo-item'), enhance);
		document.getElementById('photo-hint').textContent = document.getElementById('photo-hint').textContent
			.replace(/ Photos are uploaded when.*$/, ' Drop photos on the form or choose them; give each one its alt text.');

		input.addEventListener('change', function () {
			add(Array.prototype.slice.call(input.files));
			input.value = '';
		});
		drop.addEventListener('dragover', function (event) {
			if (event.dataTransfer && Array.prototype.indexOf.call(event.dataTransfer.types, 'Files') >= 0) {
				event.preventDefault();
				form.classList.add('dragging');
			}
		});
		drop.addEventListener('dragleave', function (event) {
			if (event.target === form) {
				form.classList.remove('dragging');
			}
		});
		drop.addEventListener('drop', function (event) {
			if (event.dataTransfer && event.dataTransfer.files.length > 0) {
				event.preventDefault();
				form.classList.remove('dragging');
				add(Array.prototype.slice.call(event.dataTransfer.files));
			}
		});
		form.addEventListener('submit', function (event) {
			if (pending.size === 0) {
				// no photos to upload: the form goes as it would without this script
				return;
			}
			event.preventDefault();
			send(event.submitter);
		});

		function say(message) {
			status.textContent = message;
		}

		function add(files) {
			var problems = [];
			files.forEach(function (file) {
				if (list.children.length >= maxPhotos) {
					problems.push(file.name + ' was not added: a note takes at most ' + maxPhotos + ' photos.');
				}
				else if (file.type && file.type.indexOf('image/') !== 0) {
					problems.push(file.name + ' was not added: it is not an image.');
				}
				else if (maxBytes > 0 && file.size > maxBytes) {
					problems.push(file.name + ' was not added: it is larger than the site takes.');
				}
				else {
					list.appendChild(item(file));
				}
			});
			renumber();
			say(problems.join(' '));
		}

		function item(file) {
			var n = counter++;
			var li = document.createElement('li');
			li.className = 'photo-item new-photo';
			var img = document.createElement('img');
			img.className = 'photo-thumb';
			img.alt = '';
			var reader = new FileReader();
			reader.addEventListener('load', function () {
				img.src = reader.result;
			});
			reader.readAsDataURL(file);
			var key = document.createElement('input');
			key.type = 'hidden';
			key.name = 'photo-key';
			key.value = 'new:?';
			var fields = document.createElement('div');
			fields.className = 'photo-fields';
			var field = document.createElement('div');
			field.className = 'field photo-alt';
			var label = document.createElement('label');
			label.htmlFor = 'photo-alt-new-' + n;
			label.textContent = 'Alt text (what the photo shows)';
			var alt = document.createElement('input');
			alt.type = 'text';
			alt.id = 'photo-alt-new-' + n;
			alt.name = 'photo-alt';
			field.appendChild(label);
			field.appendChild(alt);
			var controls = document.createElement('div');
			controls.className = 'photo-controls';
			var position = document.createElement('input');
			position.type = 'hidden';
			position.name = 'photo-position';
			controls.appendChild(position);
			fields.appendChild(field);
			fields.appendChild(controls);
			li.appendChild(img);
			li.appendChild(key);
			li.appendChild(fields);
			pending.set(li, file);
			enhance(li);
			return li;
		}

		function enhance(li) {
			var controls = li.querySelector('.photo-controls');
			Array.prototype.forEach.call(li.querySelectorAll('.photo-position, .photo-remove'), function (each) {
				each.hidden = true;
			});
			[['Move up', -1], ['Move down', 1]].forEach(function (move) {
				var button = document.createElement('button');
				button.type = 'button';
				button.className = 'photo-move';
				button.textContent = move[0];
				button.addEventListener('click', function () {
					var other = (move[1] < 0) ? li.previousElementSibling : li.nextElementSibling;
					if (other) {
						list.insertBefore(li, (move[1] < 0) ? other : other.nextElementSibling);
						renumber();
						button.focus();
					}
				});
				controls.appendChild(button);
			});
			var remove = document.createElement('button');
			remove.type = 'button';
			remove.className = 'photo-remove-now';
			remove.textContent = 'Remove';
			remove.addEventListener('click', function () {
				pending.delete(li);
				li.remove();
				renumber();
				say('Photo removed.');
				input.focus();
			});
			controls.appendChild(remove);
		}

		function renumber() {
			Array.prototype.forEach.call(list.children, function (li, index) {
				var position = li.querySelector('input[name="photo-position"]');
				if (position) {
					position.value = String(index + 1);
				}
			});
		}

		function send(submitter) {
			var files = [];
			Array.prototype.forEach.call(list.children, function (li) {
				if (pending.has(li)) {
					li.querySelector('input[name="photo-key"]').value = 'new:' + files.length;
					files.push(pending.get(li));
				}
			});
			var data = new FormData(form);
			data.delete('photo');
			files.forEach(function (file) {
				data.append('photo', file, file.name);
			});
			if (submitter && submitter.name) {
				data.set(submitter.name, submitter.value);
			}
			var progress = document.getElementById('upload-progress');
			var buttons = form.querySelectorAll('button[type="submit"]');
			Array.prototype.forEach.call(buttons, function (button) {
				button.disabled = true;
			});
			progress.hidden = false;
			progress.value = 0;
			// form.action would be the buttons named "action"
			var target = new URL(form.getAttribute('action'), location.href);
			var request = new XMLHttpRequest();
			request.open('POST', target.href);
			request.responseType = 'document';
			request.upload.addEventListener('progress', function (event) {
				if (event.lengthComputable) {
					progress.value = Math.round((event.loaded / event.total) * 100);
				}
			});
			request.addEventListener('load', function () {
				var answered = new URL(request.responseURL || target.href, location.href);
				var page = request.response;
				if (answered.pathname + answered.search !== target.pathname + target.search || !page
						|| !page.querySelector('main')) {
					location.assign(answered.href);
					return;
				}
				// the page that came back (a preview, or the form with the reason it was
				// refused) takes the place of this one, as after a plain POST
				document.replaceChild(document.adoptNode(page.documentElement), document.documentElement);
				init();
				var shown = document.querySelector('.form-error, .field-error, #preview');
				if (shown) {
					shown.scrollIntoView();
				}
			});
			request.addEventListener('error', function () {
				Array.prototype.forEach.call(buttons, function (button) {
					button.disabled = false;
				});
				progress.hidden = true;
				say('The note could not be sent. Check the connection and try again; nothing was lost.');
			});
			request.send(data);
		}
	}

	if (document.readyState === 'loading') {
		document.addEventListener('DOMContentLoaded', init);
	}
	else {
		init();
	}
}());

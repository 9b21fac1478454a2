import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.Socket;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicLongArray;
import java.util.concurrent.locks.LockSupport;
import java.util.function.IntPredicate;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import javax.imageio.ImageIO;

/**
 * The soak's load and its measurements (run by scripts/soak.sh, with
 * {@code java scripts/Soak.java BASE PID SECONDS WARMUP SAMPLE CLIENTS RATE NOTES}; the
 * Micropub token in SOAK_TOKEN, the owner's password in SOAK_PASSWORD).
 * <p>
 * CLIENTS threads, each on its own HTTP/1.1 client, run actions at RATE actions a second
 * in all (paced, not as fast as they can): public reads (pages, feeds, search, plain,
 * gzip and If-None-Match), Micropub writes (form and JSON creates, updates, deletes,
 * undeletes, small photo uploads, queries), owner sign-ins (the form, admin pages,
 * sign-out) and bad inputs (malformed JSON, oversize bodies, bad tokens, unknown paths,
 * bad query strings, wrong passwords at most one in five minutes so the sign-in throttle
 * never shuts the owner out). Every answer is counted by status class; an answer that is
 * not what the request should get is counted as unexpected, and the first few of each
 * are printed.
 * <p>
 * The server's resident memory (VmRSS), threads (/proc/PID/status) and open file handles
 * (/proc/PID/fd) are sampled at the start, after WARMUP seconds (the baseline), every
 * SAMPLE seconds and at the end, under load each time. The verdict: no 5xx, no request
 * that failed to get an answer, and no growth from the baseline to the end beyond the
 * tolerances printed with it. Exit status 1 when it fails.
 */
public class Soak {

	// growth allowed from the baseline (after the warm-up) to the end
	static final double RSS_TOLERANCE = 0.10;

	static final long RSS_TOLERANCE_MIN_KIB = 8 * 1024;

	static final int FD_TOLERANCE = 8;

	static final int THREAD_TOLERANCE = 8;

	static final List<String> TAGS = List.of("indieweb", "coffee", "garden", "bicycle", "music", "winter", "summer",
			"river", "java", "sqlite");

	static final Pattern CSRF = Pattern.compile("name=\"_csrf\" value=\"([^\"]+)\"");

	final URI base;

	final long pid;

	final String token;

	final String password;

	final int notes;

	final AtomicLongArray classes = new AtomicLongArray(6); // [0] = no answer

	final AtomicLong unexpected = new AtomicLong();

	final AtomicLong clientErrors = new AtomicLong();

	final Map<String, AtomicLong> byAction = new ConcurrentHashMap<>();

	final Map<String, List<String>> firstProblems = new ConcurrentHashMap<>();

	final Map<String, String> etags = new ConcurrentHashMap<>();

	final List<Long> latenciesMicros = Collections.synchronizedList(new ArrayList<>());

	final AtomicLong lastWrongPassword = new AtomicLong();

	final byte[] photo;

	volatile boolean running = true;

	Soak(URI base, long pid, String token, String password, int notes) {
		this.base = base;
		this.pid = pid;
		this.token = token;
		this.password = password;
		this.notes = notes;
		this.photo = smallJpeg();
	}

	public static void main(String[] args) throws Exception {
		URI base = URI.create(args[0]);
		long pid = Long.parseLong(args[1]);
		long seconds = Long.parseLong(args[2]);
		long warmup = Long.parseLong(args[3]);
		long sample = Long.parseLong(args[4]);
		int clients = Integer.parseInt(args[5]);
		double rate = Double.parseDouble(args[6]);
		int notes = Integer.parseInt(args[7]);
		Soak soak = new Soak(base, pid, System.getenv("SOAK_TOKEN"), System.getenv("SOAK_PASSWORD"), notes);
		System.exit(soak.run(seconds, warmup, sample, clients, rate) ? 0 : 1);
	}

	boolean run(long seconds, long warmup, long sampleEvery, int clients, double rate) throws InterruptedException {
		List<Sample> samples = new ArrayList<>();
		long start = System.nanoTime();
		samples.add(sample("start", 0));
		List<Thread> threads = new ArrayList<>();
		long interval = (long) (1e9 * clients / rate); // nanoseconds between one client's actions
		for (int i = 0; i < clients; i++) {
			int client = i;
			Thread thread = new Thread(() -> client(client, interval, start));
			thread.start();
			threads.add(thread);
		}
		List<Long> at = new ArrayList<>();
		at.add(warmup);
		for (long t = warmup + sampleEvery; t < seconds; t += sampleEvery) {
			at.add(t);
		}
		Sample baseline = null;
		for (long t : at) {
			sleepUntil(start + t * 1_000_000_000L);
			Sample s = sample((baseline == null) ? "baseline" : "", t);
			if (baseline == null) {
				baseline = s;
			}
			samples.add(s);
			System.err.printf("soak %s: %ds %s, %d requests, 5xx %d, no answer %d, unexpected %d%n", Instant.now(), t,
					s, total(), this.classes.get(5), this.classes.get(0), this.unexpected.get());
		}
		sleepUntil(start + seconds * 1_000_000_000L);
		Sample end = sample("end", seconds);
		samples.add(end);
		this.running = false;
		for (Thread thread : threads) {
			thread.join();
		}
		return report(samples, (baseline != null) ? baseline : samples.get(0), end, seconds, warmup, clients, rate);
	}

	long total() {
		long n = 0;
		for (int i = 0; i < this.classes.length(); i++) {
			n += this.classes.get(i);
		}
		return n;
	}

	// --- the load ------------------------------------------------------------------------

	void client(int id, long interval, long start) {
		HttpClient http = HttpClient.newBuilder()
			.version(HttpClient.Version.HTTP_1_1)
			.followRedirects(HttpClient.Redirect.NEVER)
			.connectTimeout(Duration.ofSeconds(10))
			.build();
		List<String> mine = new ArrayList<>(); // notes this client created and has not deleted
		long next = start + (interval * id) / 8;
		while (this.running) {
			sleepUntil(next);
			next += interval;
			if (!this.running) {
				break;
			}
			int roll = ThreadLocalRandom.current().nextInt(100);
			try {
				if (roll < 50) {
					publicRead(http);
				}
				else if (roll < 68) {
					micropub(http, mine);
				}
				else if (roll < 72 && id == 0) {
					ownerSession(http); // one client signs in, so one Argon2id check at a time
				}
				else if (roll < 72) {
					publicRead(http);
				}
				else if (roll < 88) {
					badInput(http);
				}
				else {
					micropubRead(http);
				}
			}
			catch (RuntimeException ex) {
				this.clientErrors.incrementAndGet();
				problem("load generator error", ex.toString());
			}
			long now = System.nanoTime();
			if (now - next > 5_000_000_000L) {
				next = now; // far behind (a slow server): do not burst to catch up
			}
		}
	}

	void publicRead(HttpClient http) {
		ThreadLocalRandom random = ThreadLocalRandom.current();
		String tag = TAGS.get(random.nextInt(TAGS.size()));
		String path = switch (random.nextInt(14)) {
			case 0, 1, 2 -> "/";
			case 3, 4, 5 -> "/notes/note-%06d".formatted(random.nextInt(this.notes));
			case 6 -> "/tags/" + tag;
			case 7 -> "/feed.xml";
			case 8 -> "/feed.atom";
			case 9 -> "/feed.json";
			case 10 -> "/tags/" + tag + "/feed.xml";
			case 11 -> "/tags";
			case 12 -> "/search?q=" + tag;
			default -> "/api/search?q=" + tag;
		};
		HttpRequest.Builder request = get(path);
		String kind = "read";
		int mode = random.nextInt(3);
		if (mode == 1) {
			request.header("Accept-Encoding", "gzip");
			kind = "read gzip";
		}
		String etag = this.etags.get(path);
		if (mode == 2 && etag != null) {
			request.header("If-None-Match", etag);
			kind = "read If-None-Match";
		}
		HttpResponse<byte[]> response = send(http, kind, request, (s) -> s == 200 || s == 304);
		if (response != null) {
			response.headers().firstValue("ETag").ifPresent((value) -> this.etags.put(path, value));
		}
	}

	void micropub(HttpClient http, List<String> mine) {
		ThreadLocalRandom random = ThreadLocalRandom.current();
		int roll = random.nextInt(100);
		if (mine.isEmpty() || roll < 35) {
			String words = "Soak note " + random.nextLong(1_000_000_000L) + " about " + TAGS.get(random.nextInt(10));
			HttpResponse<byte[]> created;
			if (random.nextBoolean()) {
				created = send(http, "micropub create form",
						bearer(post("/micropub", "application/x-www-form-urlencoded",
								"h=entry&content=" + encode(words) + "&category[]=" + TAGS.get(random.nextInt(10)))),
						(s) -> s == 201 || s == 202);
			}
			else {
				String json = """
						{"type":["h-entry"],"properties":{"name":["%s"],"content":["%s, with **Markdown**"],\
						"category":["%s","soak"],"photo":[{"value":"https://photos.example/a.jpg","alt":"A stall"}]}}"""
					.formatted(words, words, TAGS.get(random.nextInt(10)));
				created = send(http, "micropub create JSON", bearer(post("/micropub", "application/json", json)),
						(s) -> s == 201 || s == 202);
			}
			if (created != null) {
				created.headers().firstValue("Location").ifPresent(mine::add);
			}
			if (mine.size() > 20) {
				delete(http, mine.remove(0)); // keep the site's size steady
			}
		}
		else if (roll < 65) {
			String url = mine.get(random.nextInt(mine.size()));
			String json = """
					{"action":"update","url":"%s","replace":{"content":["Updated %d"]},"add":{"category":["edited"]}}"""
				.formatted(url, random.nextLong(1_000_000L));
			send(http, "micropub update", bearer(post("/micropub", "application/json", json)),
					(s) -> s == 200 || s == 204 || s == 201);
		}
		else if (roll < 80) {
			String url = mine.get(random.nextInt(mine.size()));
			delete(http, url);
			send(http, "micropub undelete",
					bearer(post("/micropub", "application/json",
							"{\"action\":\"undelete\",\"url\":\"" + url + "\"}")),
					(s) -> s == 200 || s == 204 || s == 201);
		}
		else if (roll < 90) {
			delete(http, mine.remove(random.nextInt(mine.size())));
		}
		else {
			String boundary = "soak" + random.nextLong(1_000_000_000L);
			byte[] body = multipart(boundary, this.photo);
			send(http, "micropub media",
					bearer(HttpRequest.newBuilder(this.base.resolve("/micropub/media"))
						.header("Content-Type", "multipart/form-data; boundary=" + boundary)
						.POST(HttpRequest.BodyPublishers.ofByteArray(body))),
					(s) -> s == 201 || s == 202);
		}
	}

	void delete(HttpClient http, String url) {
		send(http, "micropub delete",
				bearer(post("/micropub", "application/json", "{\"action\":\"delete\",\"url\":\"" + url + "\"}")),
				(s) -> s == 200 || s == 204);
	}

	void micropubRead(HttpClient http) {
		ThreadLocalRandom random = ThreadLocalRandom.current();
		String path = switch (random.nextInt(4)) {
			case 0 -> "/micropub?q=config";
			case 1 -> "/micropub?q=category";
			case 2 -> "/micropub?q=source&url="
					+ encode(this.base.resolve("/notes/note-%06d".formatted(random.nextInt(this.notes))).toString());
			default -> "/micropub?q=syndicate-to";
		};
		send(http, "micropub query", bearer(get(path)), (s) -> s == 200);
	}

	void ownerSession(HttpClient http) {
		Map<String, String> cookies = new LinkedHashMap<>();
		HttpResponse<byte[]> page = send(http, "sign-in page", withCookies(get("/auth/login"), cookies),
				(s) -> s == 200);
		String csrf = csrf(page, cookies);
		if (csrf == null) {
			return;
		}
		HttpResponse<byte[]> signIn = send(http, "sign-in",
				withCookies(post("/auth/login", "application/x-www-form-urlencoded",
						"password=" + encode(this.password) + "&_csrf=" + encode(csrf)), cookies),
				(s) -> s == 302);
		if (signIn == null) {
			return;
		}
		keepCookies(signIn, cookies);
		HttpResponse<byte[]> last = null;
		for (String path : List.of("/admin", "/admin/tokens", "/admin/search?q=coffee", "/admin/new",
				"/admin/photos")) {
			last = send(http, "admin page", withCookies(get(path), cookies), (s) -> s == 200);
		}
		String token = csrf(last, cookies);
		if (token != null) {
			send(http, "sign-out",
					withCookies(post("/auth/logout", "application/x-www-form-urlencoded", "_csrf=" + encode(token)),
							cookies),
					(s) -> s == 302);
		}
	}

	void badInput(HttpClient http) {
		ThreadLocalRandom random = ThreadLocalRandom.current();
		IntPredicate client = (s) -> s >= 400 && s < 500;
		switch (random.nextInt(13)) {
			case 0 -> send(http, "bad: malformed JSON",
					bearer(post("/micropub", "application/json", "{\"type\":[\"h-entry\"],\"properties\":{")), client);
			case 1 -> send(http, "bad: JSON of the wrong shape",
					bearer(post("/micropub", "application/json", "{\"type\":\"h-entry\",\"properties\":[1,2]}")),
					client);
			case 2 -> send(http, "bad: oversize body",
					bearer(post("/micropub", "application/x-www-form-urlencoded",
							"h=entry&content=" + "a".repeat(1_100_000))),
					(s) -> s == 413);
			case 3 -> send(http, "bad: wrong token",
					post("/micropub", "application/x-www-form-urlencoded", "h=entry&content=x")
						.header("Authorization", "Bearer not-a-token-" + random.nextInt()),
					client);
			case 4 -> send(http, "bad: no token", post("/micropub", "application/x-www-form-urlencoded", "h=entry"),
					client);
			case 5 -> send(http, "bad: unknown path", get("/no/such/page-" + random.nextInt(1000)), (s) -> s == 404);
			case 6 -> raw("bad: raw request", switch (random.nextInt(4)) {
				case 0 -> "GET /?before=yesterday&page=-1&%zz=1 HTTP/1.1";
				case 1 -> "GET /notes/%00%ff HTTP/1.1";
				case 2 -> "GET /search?q=%e2%28%a1 HTTP/1.1";
				default -> "GET /feed.xml HTTP/1.1\r\nContent-Length: abc";
			});
			case 7 -> send(http, "bad: query string", get("/search?q=%22%28%28%28&page=abc"),
					client.or((s) -> s == 200));
			case 8 -> send(http, "bad: unknown note", get("/notes/..%2f..%2fetc%2fpasswd"), client);
			case 9 -> send(http, "bad: micropub action",
					bearer(post("/micropub", "application/json",
							"{\"action\":\"update\",\"url\":\"https://elsewhere.example/x\",\"replace\":{}}")),
					client);
			case 10 -> send(http, "bad: token request",
					post("/auth/token", "application/x-www-form-urlencoded", "grant_type=nonsense&code=x"), client);
			case 11 -> send(http, "bad: unsupported media type", bearer(post("/micropub", "text/plain", "hello")),
					client);
			default -> wrongPassword(http);
		}
	}

	/** A request that an HTTP client would refuse to send, on a socket of its own. */
	void raw(String kind, String head) {
		this.byAction.computeIfAbsent(kind, (k) -> new AtomicLong()).incrementAndGet();
		long started = System.nanoTime();
		try (Socket socket = new Socket(this.base.getHost(), this.base.getPort())) {
			socket.setSoTimeout(30_000);
			socket.getOutputStream()
				.write((head + "\r\nHost: " + this.base.getAuthority() + "\r\nConnection: close\r\n\r\n")
					.getBytes(StandardCharsets.ISO_8859_1));
			byte[] answer = socket.getInputStream().readAllBytes();
			this.latenciesMicros.add((System.nanoTime() - started) / 1000);
			String text = new String(answer, StandardCharsets.ISO_8859_1);
			String[] status = text.split(" ", 3);
			int code = (status.length > 1 && status[1].matches("\\d{3}")) ? Integer.parseInt(status[1]) : 0;
			this.classes.incrementAndGet(Math.min(5, Math.max(0, code / 100)));
			if (code >= 500) {
				problem("5xx", head.split("\r")[0] + " (" + kind + "): " + text.substring(0, Math.min(300, text.length())));
			}
			else if (code == 0) {
				problem("no answer", head.split("\r")[0] + " (" + kind + "): " + text.substring(0, Math.min(100, text.length())));
			}
			else if (code < 200 || (code >= 300 && code < 400)) {
				this.unexpected.incrementAndGet();
				problem("unexpected", head.split("\r")[0] + " (" + kind + "): " + code);
			}
		}
		catch (IOException ex) {
			this.classes.incrementAndGet(0);
			problem("no answer", head.split("\r")[0] + " (" + kind + "): " + ex);
		}
	}

	void wrongPassword(HttpClient http) {
		long now = System.nanoTime();
		long last = this.lastWrongPassword.get();
		if ((last != 0 && now - last < 300_000_000_000L) || !this.lastWrongPassword.compareAndSet(last, now)) {
			send(http, "bad: unknown path", get("/wp-login.php"), (s) -> s == 404);
			return;
		}
		Map<String, String> cookies = new LinkedHashMap<>();
		String csrf = csrf(send(http, "sign-in page", withCookies(get("/auth/login"), cookies), (s) -> s == 200),
				cookies);
		if (csrf != null) {
			send(http, "bad: wrong password", withCookies(post("/auth/login", "application/x-www-form-urlencoded",
					"password=wrong-" + ThreadLocalRandom.current().nextInt() + "&_csrf=" + encode(csrf)), cookies),
					(s) -> s == 302 || s == 200 || s == 401);
		}
	}

	// --- requests --------------------------------------------------------------------------

	HttpRequest.Builder get(String path) {
		return HttpRequest.newBuilder(this.base.resolve(path)).GET();
	}

	HttpRequest.Builder post(String path, String type, String body) {
		return HttpRequest.newBuilder(this.base.resolve(path))
			.header("Content-Type", type)
			.POST(HttpRequest.BodyPublishers.ofString(body));
	}

	HttpRequest.Builder bearer(HttpRequest.Builder request) {
		return request.header("Authorization", "Bearer " + this.token);
	}

	HttpRequest.Builder withCookies(HttpRequest.Builder request, Map<String, String> cookies) {
		if (!cookies.isEmpty()) {
			StringBuilder header = new StringBuilder();
			cookies.forEach((name, value) -> header.append((header.length() > 0) ? "; " : "")
				.append(name)
				.append('=')
				.append(value));
			request.header("Cookie", header.toString());
		}
		return request;
	}

	void keepCookies(HttpResponse<?> response, Map<String, String> cookies) {
		for (String header : response.headers().allValues("Set-Cookie")) {
			String pair = header.split(";", 2)[0];
			int eq = pair.indexOf('=');
			if (eq > 0) {
				String value = pair.substring(eq + 1);
				if (value.isEmpty() || header.toLowerCase().contains("max-age=0")) {
					cookies.remove(pair.substring(0, eq));
				}
				else {
					cookies.put(pair.substring(0, eq), value);
				}
			}
		}
	}

	String csrf(HttpResponse<byte[]> page, Map<String, String> cookies) {
		if (page == null) {
			return null;
		}
		keepCookies(page, cookies);
		Matcher matcher = CSRF.matcher(new String(page.body(), StandardCharsets.UTF_8));
		if (!matcher.find()) {
			problem("no CSRF field", page.uri().getPath());
			return null;
		}
		return matcher.group(1);
	}

	/** Sends a request and counts its answer; null when there was none. */
	HttpResponse<byte[]> send(HttpClient http, String kind, HttpRequest.Builder request, IntPredicate expected) {
		HttpRequest built = request.timeout(Duration.ofSeconds(30)).build();
		this.byAction.computeIfAbsent(kind, (k) -> new AtomicLong()).incrementAndGet();
		long started = System.nanoTime();
		HttpResponse<byte[]> response;
		try {
			response = http.send(built, HttpResponse.BodyHandlers.ofByteArray());
		}
		catch (IOException ex) {
			this.classes.incrementAndGet(0);
			problem("no answer", built.method() + " " + built.uri().getRawPath() + ": " + ex);
			return null;
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			throw new IllegalStateException(ex);
		}
		this.latenciesMicros.add((System.nanoTime() - started) / 1000);
		int status = response.statusCode();
		this.classes.incrementAndGet(Math.min(5, Math.max(1, status / 100)));
		String what = built.method() + " " + built.uri().getRawPath() + " (" + kind + "): " + status;
		if (status >= 500) {
			String body = new String(response.body(), StandardCharsets.UTF_8);
			problem("5xx", what + " " + body.substring(0, Math.min(300, body.length())));
		}
		else if (!expected.test(status)) {
			this.unexpected.incrementAndGet();
			String body = new String(response.body(), StandardCharsets.UTF_8);
			problem("unexpected", what + " " + body.substring(0, Math.min(200, body.length())).replace('\n', ' '));
		}
		return response;
	}

	void problem(String kind, String text) {
		List<String> list = this.firstProblems.computeIfAbsent(kind, (k) -> Collections.synchronizedList(new ArrayList<>()));
		if (list.size() < 10) {
			list.add(text);
			System.err.println("soak " + kind + ": " + text);
		}
	}

	static String encode(String value) {
		return URLEncoder.encode(value, StandardCharsets.UTF_8);
	}

	static byte[] multipart(String boundary, byte[] jpeg) {
		ByteArrayOutputStream out = new ByteArrayOutputStream();
		byte[] head = ("--" + boundary + "\r\nContent-Disposition: form-data; name=\"file\"; filename=\"soak.jpg\"\r\n"
				+ "Content-Type: image/jpeg\r\n\r\n")
			.getBytes(StandardCharsets.UTF_8);
		out.writeBytes(head);
		out.writeBytes(jpeg);
		out.writeBytes(("\r\n--" + boundary + "--\r\n").getBytes(StandardCharsets.UTF_8));
		return out.toByteArray();
	}

	static byte[] smallJpeg() {
		BufferedImage image = new BufferedImage(320, 240, BufferedImage.TYPE_INT_RGB);
		for (int y = 0; y < 240; y++) {
			for (int x = 0; x < 320; x++) {
				image.setRGB(x, y, (x * 255 / 320) << 16 | (y * 255 / 240) << 8 | 96);
			}
		}
		ByteArrayOutputStream out = new ByteArrayOutputStream();
		try {
			ImageIO.write(image, "jpeg", out);
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
		return out.toByteArray();
	}

	static void sleepUntil(long nanoTime) {
		long wait;
		while ((wait = nanoTime - System.nanoTime()) > 0) {
			LockSupport.parkNanos(wait);
		}
	}

	// --- measurements and the report -------------------------------------------------------

	record Sample(String label, long second, long rssKib, int threads, int fds) {

		@Override
		public String toString() {
			return "RSS %d MiB, %d threads, %d fds".formatted(this.rssKib / 1024, this.threads, this.fds);
		}

	}

	Sample sample(String label, long second) {
		Path proc = Path.of("/proc", Long.toString(this.pid));
		try {
			long rss = 0;
			int threads = 0;
			for (String line : Files.readAllLines(proc.resolve("status"))) {
				if (line.startsWith("VmRSS:")) {
					rss = Long.parseLong(line.replaceAll("\\D", ""));
				}
				else if (line.startsWith("Threads:")) {
					threads = Integer.parseInt(line.replaceAll("\\D", ""));
				}
			}
			int fds;
			try (Stream<Path> list = Files.list(proc.resolve("fd"))) {
				fds = (int) list.count();
			}
			return new Sample(label, second, rss, threads, fds);
		}
		catch (IOException ex) {
			throw new UncheckedIOException("the server (pid " + this.pid + ") is gone", ex);
		}
	}

	boolean report(List<Sample> samples, Sample baseline, Sample end, long seconds, long warmup, int clients,
			double rate) {
		System.out.printf("Load: %d clients, %.0f actions/s in all, %d s (%d s warm-up before the baseline)%n%n",
				clients, rate, seconds, warmup);
		System.out.println("| time     | sample   | RSS (MiB) | threads | open files |");
		System.out.println("|---------:|----------|----------:|--------:|-----------:|");
		for (Sample s : samples) {
			System.out.printf("| %5d:%02d | %-8s | %9.1f | %7d | %10d |%n", s.second() / 60, s.second() % 60, s.label(),
					s.rssKib() / 1024.0, s.threads(), s.fds());
		}
		long requests = total();
		List<Long> latencies;
		synchronized (this.latenciesMicros) {
			latencies = new ArrayList<>(this.latenciesMicros);
		}
		Collections.sort(latencies);
		System.out.printf("%nRequests: %d (%.1f/s); 1xx %d, 2xx %d, 3xx %d, 4xx %d, 5xx %d, no answer %d;"
				+ " unexpected statuses %d; latency p50 %.1f ms, p99 %.1f ms, max %.1f ms%n%n", requests,
				requests / (double) seconds, this.classes.get(1), this.classes.get(2), this.classes.get(3),
				this.classes.get(4), this.classes.get(5), this.classes.get(0), this.unexpected.get(),
				percentile(latencies, 0.50), percentile(latencies, 0.99), percentile(latencies, 1.0));
		System.out.println("| request kind | count |");
		System.out.println("|--------------|------:|");
		this.byAction.entrySet()
			.stream()
			.sorted(Map.Entry.comparingByKey())
			.forEach((e) -> System.out.printf("| %s | %d |%n", e.getKey(), e.getValue().get()));
		this.firstProblems.forEach((kind, list) -> {
			System.out.printf("%nFirst %s answers:%n", kind);
			synchronized (list) {
				list.forEach((text) -> System.out.println("- " + text));
			}
		});
		long rssAllowed = Math.max(RSS_TOLERANCE_MIN_KIB, (long) (baseline.rssKib() * RSS_TOLERANCE));
		List<String> failures = new ArrayList<>();
		if (this.classes.get(5) > 0) {
			failures.add(this.classes.get(5) + " answers were 5xx");
		}
		if (this.classes.get(0) > 0) {
			failures.add(this.classes.get(0) + " requests got no answer");
		}
		if (this.clientErrors.get() > 0) {
			failures.add(this.clientErrors.get() + " errors in the load generator");
		}
		if (end.rssKib() - baseline.rssKib() > rssAllowed) {
			failures.add("resident memory grew by %d MiB".formatted((end.rssKib() - baseline.rssKib()) / 1024));
		}
		if (end.fds() - baseline.fds() > FD_TOLERANCE) {
			failures.add("open files grew by " + (end.fds() - baseline.fds()));
		}
		if (end.threads() - baseline.threads() > THREAD_TOLERANCE) {
			failures.add("threads grew by " + (end.threads() - baseline.threads()));
		}
		System.out.printf("%nGrowth from the baseline to the end: RSS %+.1f MiB (allowed %.1f MiB: %.0f%% or %d MiB,"
				+ " whichever is more), threads %+d (allowed %d), open files %+d (allowed %d)%n",
				(end.rssKib() - baseline.rssKib()) / 1024.0, rssAllowed / 1024.0, RSS_TOLERANCE * 100,
				RSS_TOLERANCE_MIN_KIB / 1024, end.threads() - baseline.threads(), THREAD_TOLERANCE,
				end.fds() - baseline.fds(), FD_TOLERANCE);
		if (failures.isEmpty()) {
			System.out.println("Verdict: PASS (no 5xx, every request answered, no growth beyond the tolerances)");
			return true;
		}
		System.out.println("Verdict: FAIL: " + String.join("; ", failures));
		return false;
	}

	static double percentile(List<Long> sorted, double p) {
		if (sorted.isEmpty()) {
			return 0;
		}
		int index = (int) Math.min(sorted.size() - 1, Math.ceil(p * sorted.size()) - 1);
		return sorted.get(Math.max(0, index)) / 1000.0;
	}

}

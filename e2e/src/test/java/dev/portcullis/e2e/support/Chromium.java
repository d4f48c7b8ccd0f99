package dev.portcullis.e2e.support;

import java.io.File;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import org.openqa.selenium.Alert;
import org.openqa.selenium.By;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.StaleElementReferenceException;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.WebDriverWait;
import org.openqa.selenium.virtualauthenticator.VirtualAuthenticator;
import org.openqa.selenium.virtualauthenticator.VirtualAuthenticatorOptions;

/**
 * Headless Chromium from the machine's packages (Debian's {@code chromium} and
 * {@code chromium-driver}), driven through Selenium at 1280x800. Nothing is downloaded: the driver
 * and browser paths are given, so Selenium Manager never runs. Each instance is a fresh profile,
 * so each person signs in with their own cookies.
 */
public final class Chromium implements AutoCloseable {

    static final String BROWSER = System.getProperty("portcullis.chromium", "/usr/bin/chromium");
    static final String DRIVER = System.getProperty("portcullis.chromedriver", "/usr/bin/chromedriver");
    /** Selenium looks for DevTools bindings of this Chromium version; none are needed here. Held: JUL forgets. */
    private static final java.util.logging.Logger DEVTOOLS = java.util.logging.Logger.getLogger("org.openqa.selenium.devtools");

    static {
        DEVTOOLS.setLevel(java.util.logging.Level.SEVERE);
    }

    private final ChromeDriver driver;
    private final Path profile;
    private final Path screenshots;

    public Chromium(Path screenshots) throws IOException {
        if (!Files.isExecutable(Path.of(BROWSER)) || !Files.isExecutable(Path.of(DRIVER))) {
            throw new IllegalStateException("Headless browser tests need Debian's chromium and chromium-driver: "
                    + "apt-get install chromium chromium-driver (.ci/run installs them)");
        }
        this.profile = Files.createTempDirectory("portcullis-chromium");
        this.screenshots = screenshots;
        Files.createDirectories(screenshots);
        ChromeOptions options = new ChromeOptions();
        options.setBinary(BROWSER);
        options.addArguments("--headless=new", "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage",
                "--disable-background-networking", "--disable-component-update", "--disable-sync",
                "--disable-default-apps", "--disable-quic", "--no-first-run", "--window-size=1280,800",
                "--user-data-dir=" + profile, "--lang=en-GB");
        ChromeDriverService service = new ChromeDriverService.Builder()
                .usingDriverExecutable(new File(DRIVER)).usingAnyFreePort().build();
        this.driver = new ChromeDriver(service, options);
        driver.manage().timeouts().pageLoadTimeout(Duration.ofSeconds(60));
    }

    public WebDriver driver() {
        return driver;
    }

    public void open(String url) {
        driver.get(url);
    }

    public String url() {
        return driver.getCurrentUrl();
    }

    public String text() {
        return driver.findElement(By.tagName("body")).getText();
    }

    public WebElement find(By by) {
        return new WebDriverWait(driver, Duration.ofSeconds(20)).until(ExpectedConditions.presenceOfElementLocated(by));
    }

    public void type(By field, String value) {
        WebElement input = find(field);
        input.clear();
        input.sendKeys(value);
    }

    public void click(By by) {
        new WebDriverWait(driver, Duration.ofSeconds(20)).until(ExpectedConditions.elementToBeClickable(by)).click();
    }

    /**
     * Clicks something that loads another page (a link, a form's button) and waits until the old
     * page is gone, so that what follows never reads the page that was being left.
     */
    public void follow(By by) {
        WebElement page = driver.findElement(By.tagName("html"));
        click(by);
        new WebDriverWait(driver, Duration.ofSeconds(30)).until(d -> gone(page));
    }

    /**
     * The old page's root is gone: stale, or (when Chromium is caught mid-navigation) no longer in any
     * document, which the driver reports as an inspector error rather than a stale element.
     */
    static boolean gone(WebElement page) {
        try {
            page.isEnabled();
            return false;
        } catch (org.openqa.selenium.StaleElementReferenceException stale) {
            return true;
        } catch (org.openqa.selenium.WebDriverException e) {
            if (String.valueOf(e.getMessage()).contains("does not belong to the document")) {
                return true;
            }
            throw e;
        }
    }

    /** Presses keys on whatever has the focus, as a person at the keyboard would. */
    public void press(CharSequence... keys) {
        new org.openqa.selenium.interactions.Actions(driver).sendKeys(keys).perform();
    }

    public WebElement focused() {
        return driver.switchTo().activeElement();
    }

    /** Waits until one of {@code choices} is on the page, and says which. */
    public By awaitAny(By... choices) {
        return new WebDriverWait(driver, Duration.ofSeconds(30)).until(d -> {
            for (By choice : choices) {
                if (!d.findElements(choice).isEmpty()) {
                    return choice;
                }
            }
            return null;
        });
    }

    /** Waits until the page shows {@code text}. */
    public void await(String text) {
        new WebDriverWait(driver, Duration.ofSeconds(30)).ignoring(StaleElementReferenceException.class)
                .until(d -> d.findElement(By.tagName("body")).getText().contains(text));
    }

    /**
     * Plugs a security key into this browser: Chromium's virtual authenticator from the DevTools
     * WebAuthn domain (CTAP2 over USB, with a PIN-like user verification that always succeeds). It
     * stays with this browser, across its logins, until {@link #unplug}.
     */
    public VirtualAuthenticator plugInSecurityKey() {
        return driver.addVirtualAuthenticator(new VirtualAuthenticatorOptions()
                .setProtocol(VirtualAuthenticatorOptions.Protocol.CTAP2)
                .setTransport(VirtualAuthenticatorOptions.Transport.USB)
                .setHasResidentKey(true).setHasUserVerification(true).setIsUserVerified(true)
                .setIsUserConsenting(true));
    }

    public void unplug(VirtualAuthenticator key) {
        driver.removeVirtualAuthenticator(key);
    }

    /** Answers the page's {@code prompt()} with {@code text}, as a person would type it. */
    public void answerPrompt(String text) {
        Alert prompt = new WebDriverWait(driver, Duration.ofSeconds(30)).until(ExpectedConditions.alertIsPresent());
        prompt.sendKeys(text);
        prompt.accept();
    }

    /** Forgets every cookie of this browser (every site and path), as closing it would end its sessions. */
    public void forgetCookies() {
        driver.executeCdpCommand("Network.clearBrowserCookies", java.util.Map.of());
    }

    /** Saves the page as it looks now, as target/screenshots/{name}.png. */
    public void screenshot(String name) throws IOException {
        byte[] png = driver.getScreenshotAs(OutputType.BYTES);
        Files.write(screenshots.resolve(name + ".png"), png);
    }

    @Override
    public void close() throws IOException {
        driver.quit();
        try (var files = Files.walk(profile)) {
            files.sorted(java.util.Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        }
    }
}

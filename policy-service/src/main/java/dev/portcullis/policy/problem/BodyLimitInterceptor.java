package dev.portcullis.policy.problem;

import dev.portcullis.policy.config.PortcullisConfig;
import jakarta.inject.Inject;
import jakarta.ws.rs.ext.Provider;
import jakarta.ws.rs.ext.ReaderInterceptor;
import jakarta.ws.rs.ext.ReaderInterceptorContext;
import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;

/** Stops reading a request body once it passes the limit, whether or not it announced a length. */
@Provider
public class BodyLimitInterceptor implements ReaderInterceptor {

    /** Looked up per request: providers are created before runtime configuration exists. */
    @Inject
    jakarta.inject.Provider<PortcullisConfig> config;

    @Override
    public Object aroundReadFrom(ReaderInterceptorContext context) throws IOException {
        long limit = config.get().http().maxBodySize().asLongValue();
        context.setInputStream(new LimitedInputStream(context.getInputStream(), limit));
        return context.proceed();
    }

    /** Thrown while reading past the limit; rendered as a 413 problem. */
    public static final class BodyTooLargeException extends IOException {
        final long limit;

        BodyTooLargeException(long limit) {
            super("request body over " + limit + " bytes", null);
            this.limit = limit;
        }
    }

    static final class LimitedInputStream extends FilterInputStream {
        private final long limit;
        private long read;

        LimitedInputStream(InputStream in, long limit) {
            super(in);
            this.limit = limit;
        }

        @Override
        public int read() throws IOException {
            int b = super.read();
            count(b < 0 ? 0 : 1);
            return b;
        }

        @Override
        public int read(byte[] buffer, int offset, int length) throws IOException {
            int n = super.read(buffer, offset, length);
            count(Math.max(n, 0));
            return n;
        }

        private void count(int n) throws BodyTooLargeException {
            read += n;
            if (read > limit) {
                throw new BodyTooLargeException(limit);
            }
        }
    }
}

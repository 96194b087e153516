/** @type {import('next').NextConfig} */
const nextConfig = {
  reactStrictMode: true,
  poweredByHeader: false,
  // ioredis is a Node library with optional native paths; bundling it gains nothing.
  serverExternalPackages: ['ioredis'],
};

module.exports = nextConfig;

# Sessions in a container: the linux-x64 single file (the publish scripts/package.sh and the SingleFile tests run),
# on the smallest image that runs it. No container engine was at hand where this was written: it is untested.
#
#   docker build -t sessions .
#   docker run -p 5080:5080 -v sessions-data:/data sessions            # one server, SQLite in the volume
#   docker compose up                                                   # two servers, PostgreSQL, Redis, nginx (compose.yaml)

FROM mcr.microsoft.com/dotnet/sdk:10.0 AS build
WORKDIR /src
COPY . .
RUN dotnet publish Sessions.App -c Release -r linux-x64 -p:PublishSingleFile=true -p:EnableCompressionInSingleFile=false -o /out -nologo

# runtime-deps: no .NET inside, only what a self-contained file needs; it has the non-root user "app" ($APP_UID).
FROM mcr.microsoft.com/dotnet/runtime-deps:10.0
COPY --from=build /out/Sessions.App /app/sessions
RUN mkdir /data && chown "$APP_UID" /data
ENV ConnectionStrings__Sessions="Data Source=/data/sessions.db" \
    ASPNETCORE_HTTP_PORTS=5080 \
    DOTNET_BUNDLE_EXTRACT_BASE_DIR=/tmp
VOLUME /data
EXPOSE 5080
USER $APP_UID
ENTRYPOINT ["/app/sessions"]

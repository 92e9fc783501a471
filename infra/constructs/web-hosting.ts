import { Duration, Fn, RemovalPolicy, Stack } from 'aws-cdk-lib';
import type * as acm from 'aws-cdk-lib/aws-certificatemanager';
import type * as apigwv2 from 'aws-cdk-lib/aws-apigatewayv2';
import * as cloudfront from 'aws-cdk-lib/aws-cloudfront';
import * as origins from 'aws-cdk-lib/aws-cloudfront-origins';
import * as s3 from 'aws-cdk-lib/aws-s3';
import * as iam from 'aws-cdk-lib/aws-iam';
import type * as kms from 'aws-cdk-lib/aws-kms';
import * as logs from 'aws-cdk-lib/aws-logs';
import * as s3deploy from 'aws-cdk-lib/aws-s3-deployment';
import { Construct } from 'constructs';
import { acknowledge } from './nag.js';
import { LOG_RETENTION } from './service-function.js';

import { CONTENT_SECURITY_POLICY, contentSecurityPolicy } from '../web-security.js';
import { ORIGIN_VERIFY_HEADER, VIEWER_ADDRESS_HEADER } from '../../functions/middleware/origin.js';

export { CONTENT_SECURITY_POLICY, contentSecurityPolicy };

/**
 * Viewer-request function of the static behaviour: a path with no file
 * extension is a page of the single-page app, so it gets index.html. Unlike
 * distribution-wide 403/404 error responses this leaves API errors alone.
 */
const SPA_REWRITE = `function handler(event) {
  var request = event.request;
  var uri = request.uri;
  if (uri.indexOf('.', uri.lastIndexOf('/')) === -1) {
    request.uri = '/index.html';
  }
  return request;
}`;

/** The web app's action-link page (web/src/auth/paths.ts ACT_PATH). */
export const ACT_PATH = '/act';

/**
 * Viewer-request function of `/api/*`: the viewer's address, as CloudFront
 * saw it, in a header of our own that replaces whatever the viewer sent under
 * that name (functions/middleware/origin.ts trusts it only with the origin secret).
 */
const VIEWER_ADDRESS = `function handler(event) {
  var request = event.request;
  request.headers['${VIEWER_ADDRESS_HEADER}'] = { value: event.viewer.ip };
  return request;
}`;

export interface CustomDomain {
  /** e.g. `scr.example-lscb.gov.uk` */
  readonly domainName: string;
  /** ACM certificate in us-east-1 covering the domain. */
  readonly certificate: acm.ICertificate;
}

export interface WebHostingProps {
  /** Directory holding the built web app (index.html at its root). */
  readonly webDist: string;
  /** The HTTP API that `/api/*` goes to. */
  readonly api: apigwv2.IHttpApi;
  /** Server access logs and CloudFront standard logs go here. */
  readonly logsBucket: s3.IBucket;
  /** Key for the deployment function's log group. */
  readonly logsKey: kms.IKey;
  readonly customDomain?: CustomDomain;
  /** ARN of a CLOUDFRONT-scope WAF web ACL (created in us-east-1). */
  readonly webAclArn?: string;
  /** ISO 3166-1 alpha-2 codes; when set, only these countries are served. */
  readonly allowedCountries?: string[];
  /** Origin of Cognito's API, which the web app calls to sign people in (CSP connect-src). */
  readonly cognitoOrigin?: string;
  /** Origin of the bucket of attached files, which the browser uploads to with presigned URLs (CSP connect-src). */
  readonly filesOrigin?: string;
  /**
   * Value CloudFront sends to the API in the x-origin-verify header (a
   * dynamic reference to a generated secret); the API refuses requests without it.
   */
  readonly originVerifySecret?: string;
}

/**
 * The web app and the API behind one CloudFront distribution: a private
 * bucket reached through origin access control, the SPA fallback, `/api/*` to
 * the HTTP API uncached, and security headers on every response.
 */
export class WebHosting extends Construct {
  readonly bucket: s3.Bucket;
  readonly distribution: cloudfront.Distribution;
  readonly responseHeadersPolicy: cloudfront.ResponseHeadersPolicy;
  /** Headers of the `/act` page (Cache-Control: no-store). */
  readonly actHeadersPolicy: cloudfront.ResponseHeadersPolicy;
  /** Public base URL of the app, no trailing slash. */
  readonly baseUrl: string;
  /** The Content-Security-Policy header of every page. */
  readonly contentSecurityPolicy: string;

  constructor(scope: Construct, id: string, props: WebHostingProps) {
    super(scope, id);

    this.bucket = new s3.Bucket(this, 'Bucket', {
      blockPublicAccess: s3.BlockPublicAccess.BLOCK_ALL,
      objectOwnership: s3.ObjectOwnership.BUCKET_OWNER_ENFORCED,
      // The bundle is public code with no personal data; SSE-S3 needs no key
      // policy for CloudFront's origin access control.
      encryption: s3.BucketEncryption.S3_MANAGED,
      enforceSSL: true,
      minimumTLSVersion: 1.2,
      versioned: true,
      serverAccessLogsBucket: props.logsBucket,
      serverAccessLogsPrefix: 'web-bucket/',
      lifecycleRules: [{ noncurrentVersionExpiration: Duration.days(90) }],
      removalPolicy: RemovalPolicy.RETAIN,
    });

    this.contentSecurityPolicy = contentSecurityPolicy({
      ...(props.cognitoOrigin ? { cognitoOrigin: props.cognitoOrigin } : {}),
      ...(props.filesOrigin ? { filesOrigin: props.filesOrigin } : {}),
    });
    const pageSecurityHeaders: cloudfront.ResponseSecurityHeadersBehavior = {
      contentSecurityPolicy: { contentSecurityPolicy: this.contentSecurityPolicy, override: true },
      strictTransportSecurity: {
        accessControlMaxAge: Duration.days(730),
        includeSubdomains: true,
        override: true,
      },
      referrerPolicy: { referrerPolicy: cloudfront.HeadersReferrerPolicy.NO_REFERRER, override: true },
      contentTypeOptions: { override: true },
      frameOptions: { frameOption: cloudfront.HeadersFrameOption.DENY, override: true },
      // The legacy XSS auditor causes more harm than good; CSP replaces it.
      xssProtection: { protection: false, override: true },
    };
    const pageCustomHeaders: cloudfront.ResponseCustomHeader[] = [
      { header: 'Permissions-Policy', value: 'camera=(), microphone=(), geolocation=(), payment=(), usb=()', override: true },
      { header: 'Cross-Origin-Opener-Policy', value: 'same-origin', override: true },
      { header: 'Cross-Origin-Resource-Policy', value: 'same-origin', override: true },
    ];
    this.responseHeadersPolicy = new cloudfront.ResponseHeadersPolicy(this, 'SecurityHeaders', {
      comment: 'CSP self (and Cognito API) only, HSTS, no referrer, nosniff, no framing',
      securityHeadersBehavior: pageSecurityHeaders,
      customHeadersBehavior: { customHeaders: pageCustomHeaders },
    });
    // The page an emailed action link opens: never kept by a browser or proxy
    // (its address carries the link's secret after #, and what it shows is about a case).
    this.actHeadersPolicy = new cloudfront.ResponseHeadersPolicy(this, 'ActPageHeaders', {
      comment: 'The page security headers plus Cache-Control: no-store for /act',
      securityHeadersBehavior: pageSecurityHeaders,
      customHeadersBehavior: {
        customHeaders: [...pageCustomHeaders, { header: 'Cache-Control', value: 'no-store', override: true }],
      },
    });

    // Answers may carry case data: never stored by browsers or proxies.
    const apiHeadersPolicy = new cloudfront.ResponseHeadersPolicy(this, 'ApiHeaders', {
      comment: 'Security headers plus Cache-Control: no-store for the API',
      securityHeadersBehavior: {
        contentSecurityPolicy: { contentSecurityPolicy: "default-src 'none'; frame-ancestors 'none'", override: true },
        strictTransportSecurity: {
          accessControlMaxAge: Duration.days(730),
          includeSubdomains: true,
          override: true,
        },
        referrerPolicy: { referrerPolicy: cloudfront.HeadersReferrerPolicy.NO_REFERRER, override: true },
        contentTypeOptions: { override: true },
        frameOptions: { frameOption: cloudfront.HeadersFrameOption.DENY, override: true },
      },
      customHeadersBehavior: {
        customHeaders: [{ header: 'Cache-Control', value: 'no-store', override: true }],
      },
    });

    const spaRewrite = new cloudfront.Function(this, 'SpaRewrite', {
      comment: 'Serve index.html for app routes (paths without a file extension)',
      runtime: cloudfront.FunctionRuntime.JS_2_0,
      code: cloudfront.FunctionCode.fromInline(SPA_REWRITE),
    });

    const viewerAddress = new cloudfront.Function(this, 'ViewerAddress', {
      comment: 'Pass the viewer IP address to the API for audit events',
      runtime: cloudfront.FunctionRuntime.JS_2_0,
      code: cloudfront.FunctionCode.fromInline(VIEWER_ADDRESS),
    });

    // apiEndpoint is https://{id}.execute-api.{region}.amazonaws.com
    const apiDomain = Fn.select(2, Fn.split('/', props.api.apiEndpoint));

    const webOrigin = origins.S3BucketOrigin.withOriginAccessControl(this.bucket);
    this.distribution = new cloudfront.Distribution(this, 'Distribution', {
      comment: `${Stack.of(this).stackName} web app and API`,
      defaultRootObject: 'index.html',
      httpVersion: cloudfront.HttpVersion.HTTP2_AND_3,
      priceClass: cloudfront.PriceClass.PRICE_CLASS_100,
      // The TLS floor can only be chosen with a certificate of our own; the
      // default *.cloudfront.net certificate keeps CloudFront's default.
      ...(props.customDomain
        ? {
            domainNames: [props.customDomain.domainName],
            certificate: props.customDomain.certificate,
            minimumProtocolVersion: cloudfront.SecurityPolicyProtocol.TLS_V1_2_2021,
          }
        : {}),
      ...(props.webAclArn ? { webAclId: props.webAclArn } : {}),
      ...(props.allowedCountries?.length
        ? { geoRestriction: cloudfront.GeoRestriction.allowlist(...props.allowedCountries) }
        : {}),
      enableLogging: true,
      logBucket: props.logsBucket,
      logFilePrefix: 'cloudfront/',
      logIncludesCookies: false,
      defaultBehavior: {
        origin: webOrigin,
        viewerProtocolPolicy: cloudfront.ViewerProtocolPolicy.REDIRECT_TO_HTTPS,
        allowedMethods: cloudfront.AllowedMethods.ALLOW_GET_HEAD_OPTIONS,
        cachePolicy: cloudfront.CachePolicy.CACHING_OPTIMIZED,
        compress: true,
        responseHeadersPolicy: this.responseHeadersPolicy,
        functionAssociations: [{ function: spaRewrite, eventType: cloudfront.FunctionEventType.VIEWER_REQUEST }],
      },
      additionalBehaviors: {
        // The action page (index.html through the SPA rewrite), uncached and no-store.
        [ACT_PATH]: {
          origin: webOrigin,
          viewerProtocolPolicy: cloudfront.ViewerProtocolPolicy.REDIRECT_TO_HTTPS,
          allowedMethods: cloudfront.AllowedMethods.ALLOW_GET_HEAD_OPTIONS,
          cachePolicy: cloudfront.CachePolicy.CACHING_DISABLED,
          compress: true,
          responseHeadersPolicy: this.actHeadersPolicy,
          functionAssociations: [{ function: spaRewrite, eventType: cloudfront.FunctionEventType.VIEWER_REQUEST }],
        },
        '/api/*': {
          origin: new origins.HttpOrigin(apiDomain, {
            protocolPolicy: cloudfront.OriginProtocolPolicy.HTTPS_ONLY,
            originSslProtocols: [cloudfront.OriginSslPolicy.TLS_V1_2],
            // Replaces any header of that name the viewer sent.
            ...(props.originVerifySecret ? { customHeaders: { [ORIGIN_VERIFY_HEADER]: props.originVerifySecret } } : {}),
          }),
          functionAssociations: [{ function: viewerAddress, eventType: cloudfront.FunctionEventType.VIEWER_REQUEST }],
          viewerProtocolPolicy: cloudfront.ViewerProtocolPolicy.REDIRECT_TO_HTTPS,
          allowedMethods: cloudfront.AllowedMethods.ALLOW_ALL,
          cachePolicy: cloudfront.CachePolicy.CACHING_DISABLED,
          // Everything the viewer sent except Host, which must name the API.
          originRequestPolicy: cloudfront.OriginRequestPolicy.ALL_VIEWER_EXCEPT_HOST_HEADER,
          responseHeadersPolicy: apiHeadersPolicy,
          compress: true,
        },
      },
    });

    this.baseUrl = `https://${props.customDomain?.domainName ?? this.distribution.distributionDomainName}`;

    // Hashed assets first and kept (prune: false) so a browser still holding
    // the previous index.html can load what it references; index.html last,
    // never cached, so a release is visible at once.
    const deployLogs = new logs.LogGroup(this, 'DeployLogs', {
      retention: LOG_RETENTION,
      encryptionKey: props.logsKey,
      removalPolicy: RemovalPolicy.DESTROY,
    });
    // Own role instead of the AWSLambdaBasicExecutionRole CDK would attach.
    const deployRole = new iam.Role(this, 'DeployRole', {
      assumedBy: new iam.ServicePrincipal('lambda.amazonaws.com'),
      description: 'Copies the built web app into the web bucket and invalidates CloudFront',
    });
    deployRole.addToPrincipalPolicy(
      new iam.PolicyStatement({
        actions: ['logs:CreateLogStream', 'logs:PutLogEvents'],
        resources: [deployLogs.logGroupArn],
      }),
    );
    const deployProps = {
      destinationBucket: this.bucket,
      prune: false,
      memoryLimit: 512,
      role: deployRole,
      logGroup: deployLogs,
    } satisfies Partial<s3deploy.BucketDeploymentProps>;
    const assets = new s3deploy.BucketDeployment(this, 'DeployAssets', {
      ...deployProps,
      sources: [s3deploy.Source.asset(props.webDist, { exclude: ['index.html'] })],
      cacheControl: [s3deploy.CacheControl.fromString('public, max-age=31536000, immutable')],
    });
    const index = new s3deploy.BucketDeployment(this, 'DeployIndex', {
      ...deployProps,
      sources: [s3deploy.Source.asset(props.webDist, { exclude: ['*', '!index.html'] })],
      cacheControl: [s3deploy.CacheControl.noCache()],
      distribution: this.distribution,
      distributionPaths: ['/index.html', '/'],
    });
    index.node.addDependency(assets);

    // Grants made by BucketDeployment itself (aws-cdk-lib's grantRead/grantReadWrite).
    const deployGrants: [string, string][] = [
      ['Action::s3:GetObject*', 'read the web app asset zip'],
      ['Action::s3:GetBucket*', 'read the asset and web buckets'],
      ['Action::s3:List*', 'list the asset and web buckets'],
      ['Action::s3:DeleteObject*', 'replace files in the web bucket'],
      ['Action::s3:Abort*', 'abort failed multipart uploads to the web bucket'],
      [`Resource::<${Stack.of(this).getLogicalId(this.bucket.node.defaultChild as s3.CfnBucket)}.Arn>/*`, 'write any object of the web bucket'],
      [`Resource::arn:${Stack.of(this).partition}:s3:::cdk-hnb659fds-assets-<AWS::AccountId>-${Stack.of(this).region}/*`, 'read the asset zip from the CDK bootstrap bucket'],
      ['Resource::*', 'cloudfront:CreateInvalidation/GetInvalidation, which support no resource-level permissions'],
    ];
    for (const [finding, why] of deployGrants) {
      acknowledge(deployRole, `AwsSolutions-IAM5[${finding}]`, `aws-cdk-lib BucketDeployment grants these to ${why}; deploy-time only.`);
    }
    // BucketDeployment's handler is a singleton at stack level, named by CDK.
    const deployFunction = Stack.of(this).node.children.find((c) => c.node.id.startsWith('Custom::CDKBucketDeployment'));
    if (deployFunction) {
      acknowledge(
        deployFunction,
        'AwsSolutions-L1',
        'The BucketDeployment handler runtime (Python) is pinned by aws-cdk-lib and follows its releases; it runs only at deploy time.',
      );
      acknowledge(
        deployFunction,
        'Serverless-LambdaLatestVersion',
        'The BucketDeployment handler runtime (Python) is pinned by aws-cdk-lib and follows its releases; it runs only at deploy time.',
      );
      acknowledge(
        deployFunction,
        'Serverless-LambdaDLQ',
        'The BucketDeployment handler is a CloudFormation custom resource: invoked by CloudFormation, which fails the deployment (and rolls back) when it fails.',
      );
      acknowledge(
        deployFunction,
        'Serverless-LambdaTracing',
        'The BucketDeployment handler is built by aws-cdk-lib without a tracing option; it copies public web assets at deploy time only and its logs go to its own log group.',
      );
    }

    if (!props.customDomain) {
      acknowledge(
        this.distribution,
        'AwsSolutions-CFR4',
        'No custom domain yet: the default *.cloudfront.net certificate cannot set a TLS floor. Pass -c domainName and -c certificateArn to get TLSv1.2_2021.',
      );
    }
    if (!props.webAclArn) {
      acknowledge(
        this.distribution,
        'AwsSolutions-CFR2',
        'Deployed with -c edgeWaf=false and no -c webAclArn: the operator chose to run without a web ACL (the default attaches the ScrPlatformEdgeWaf one); only API Gateway stage throttling limits abuse.',
      );
    }
    if (!props.allowedCountries?.length) {
      acknowledge(
        this.distribution,
        'AwsSolutions-CFR1',
        'The Board decides whether to restrict by country (professionals may work from abroad); pass -c allowedCountries=GB to do so.',
      );
    }
  }
}

<#import "template.ftl" as layout>
<@layout.registrationLayout displayMessage=true; section>
<!-- template: portcullis-enrol.ftl -->
    <#if section="header">
        ${msg("portcullisEnrolTitle")}
    <#elseif section="form">
        <ol id="portcullis-enrol-steps">
            <li>${msg("portcullisEnrolStepApp")}</li>
            <li>${msg("portcullisEnrolStepScan")}
                <div><img id="portcullis-qr" src="${qrCode}" alt="${msg("portcullisEnrolQrAlt")}" width="200" height="200"/></div>
                <p>${msg("portcullisEnrolManual")}</p>
                <p><code id="portcullis-secret" data-secret="${secret}"><#list secretGroups as group>${group}<#sep> </#sep></#list></code></p>
            </li>
            <li>${msg("portcullisEnrolStepCode")}</li>
        </ol>
        <form id="portcullis-enrol-form" class="${properties.kcFormClass!}" action="${url.loginAction}" method="post">
            <div class="${properties.kcFormGroupClass!}">
                <label for="code" class="${properties.kcLabelClass!}">${msg("portcullisCodeLabel")}</label>
                <input id="code" name="code" type="text" inputmode="numeric" autocomplete="one-time-code"
                       pattern="[0-9 ]*" maxlength="7" autofocus required class="${properties.kcInputClass!}"/>
            </div>
            <div class="${properties.kcFormGroupClass!}">
                <input class="${properties.kcButtonClass!} ${properties.kcButtonPrimaryClass!} ${properties.kcButtonBlockClass!}"
                       type="submit" name="confirm" value="${msg("portcullisEnrolConfirm")}"/>
            </div>
        </form>
    </#if>
</@layout.registrationLayout>
